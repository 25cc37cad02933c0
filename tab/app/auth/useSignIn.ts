import { useCallback, useEffect, useState } from "react";
import { ApiClient, fetchSession, sandboxSignIn } from "../api/client.js";
import { ApiError } from "../api/ApiError.js";
import type { SessionInfo } from "../api/types.js";
import { createSsoTokenProvider, SsoError } from "../teams/getSsoToken.js";
import { initializeTeams, onTeamsThemeChange } from "../teams/initializeTeams.js";

/** Sign-in progress. Each kind is one screen of the tab. */
export type SignInState =
  | { kind: "starting" }
  /** Opened in an ordinary browser tab. In sandbox mode the sandbox sign-in form is offered. */
  | { kind: "outsideTeams"; sandbox: boolean; error?: string }
  | { kind: "consentRequired"; message: string; inTeams: boolean }
  | { kind: "forbidden"; session: SessionInfo }
  | { kind: "signedIn"; session: SessionInfo; client: ApiClient }
  | { kind: "failed"; message: string };

const sandboxTokenKey = "tokenInventory.sandboxToken";

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Turns a validated session into the signed-in or forbidden state. */
function stateForSession(session: SessionInfo, client: ApiClient): SignInState {
  if (!session.user) return { kind: "failed", message: "The server did not recognise the sign-in token. Reload the tab." };
  if (!session.user.isAdmin) return { kind: "forbidden", session };
  return { kind: "signedIn", session, client };
}

/**
 * Signs the admin in: with the Teams SSO token inside Teams, with a sandbox token in sandbox mode
 * outside Teams. Also follows the Teams theme and returns the Teams deep link's `page.subPageId`.
 * Outside Teams it settles within about 4 seconds.
 */
export function useSignIn(onThemeChange: (theme: string) => void) {
  const [state, setState] = useState<SignInState>({ kind: "starting" });
  const [teamsSubPageId, setTeamsSubPageId] = useState<string>();

  const signInWithTeams = useCallback(async () => {
    const getToken = createSsoTokenProvider();
    try {
      const token = await getToken();
      setState(stateForSession(await fetchSession<SessionInfo>(token), new ApiClient(getToken)));
    } catch (error) {
      const consent = (error instanceof SsoError && error.consentRequired) || (error instanceof ApiError && error.isConsentRequired);
      setState(consent ? { kind: "consentRequired", message: messageOf(error), inTeams: true } : { kind: "failed", message: messageOf(error) });
    }
  }, []);

  useEffect(() => {
    let cancelled = false;

    const start = async () => {
      let serverError: string | undefined;
      const anonymous = await fetchSession<SessionInfo>().catch((error: unknown) => {
        // Without this the page would only show "open in Teams" while the server is down.
        serverError = `The Token Inventory server did not answer (${messageOf(error)}). Check that it runs, then reload this page.`;
        return undefined;
      });

      const storedToken = anonymous?.sandbox ? sessionStorage.getItem(sandboxTokenKey) : null;
      if (storedToken) {
        const session = await fetchSession<SessionInfo>(storedToken).catch(() => undefined);
        if (cancelled) return;
        if (session?.user) return setState(stateForSession(session, new ApiClient(async () => storedToken)));
        sessionStorage.removeItem(sandboxTokenKey);
      }

      const host = await initializeTeams();
      if (cancelled) return;
      if (!host.inTeams) return setState({ kind: "outsideTeams", sandbox: anonymous?.sandbox ?? false, error: serverError });

      setTeamsSubPageId(host.subPageId);
      onThemeChange(host.theme);
      await onTeamsThemeChange(onThemeChange);
      await signInWithTeams();
    };

    void start();
    return () => {
      cancelled = true;
    };
  }, [onThemeChange, signInWithTeams]);

  /** Signs in as a sandbox directory user (sandbox mode only). */
  const signInToSandbox = useCallback(async (userPrincipalName: string) => {
    try {
      const token = await sandboxSignIn(userPrincipalName);
      const session = await fetchSession<SessionInfo>(token);
      sessionStorage.setItem(sandboxTokenKey, token);
      setState(stateForSession(session, new ApiClient(async () => token)));
    } catch (error) {
      setState({ kind: "outsideTeams", sandbox: true, error: messageOf(error) });
    }
  }, []);

  /** Forgets the sandbox token and returns to the sign-in form. */
  const signOut = useCallback(() => {
    sessionStorage.removeItem(sandboxTokenKey);
    setState({ kind: "outsideTeams", sandbox: true });
  }, []);

  return { state, teamsSubPageId, signInToSandbox, signOut, retryTeamsSignIn: signInWithTeams };
}
