import { FluentProvider, Spinner } from "@fluentui/react-components";
import { useCallback, useMemo, useState } from "react";
import { ConsentRequired } from "./auth/ConsentRequired.js";
import { Forbidden } from "./auth/Forbidden.js";
import { OutsideTeams } from "./auth/OutsideTeams.js";
import { useSignIn } from "./auth/useSignIn.js";
import { CenteredPanel } from "./common/CenteredPanel.js";
import { ErrorMessage } from "./common/ErrorMessage.js";
import { parseDeepLink } from "./links/deepLink.js";
import { Shell } from "./shell/Shell.js";
import { browserThemeName, fluentThemeFor } from "./teams/themes.js";

/**
 * The admin tab: signs in, follows the Teams theme and shows the screen for the sign-in state.
 * A link's target (`?serial=`, `?import=` or the Teams `subEntityId`) stays in the URL while the
 * admin signs in and is opened once the tab is signed in.
 */
export function App() {
  const [themeName, setThemeName] = useState<string>(browserThemeName);
  const onThemeChange = useCallback((theme: string) => setThemeName(theme), []);
  const { state, teamsSubPageId, signInToSandbox, signOut, retryTeamsSignIn } = useSignIn(onThemeChange);
  const deepLink = useMemo(() => parseDeepLink(window.location.search, teamsSubPageId), [teamsSubPageId]);

  return (
    <FluentProvider theme={fluentThemeFor(themeName)} style={{ minHeight: "100vh" }}>
      {state.kind === "starting" && (
        <CenteredPanel>
          <Spinner label="Connecting to Microsoft Teams…" />
        </CenteredPanel>
      )}
      {state.kind === "outsideTeams" && <OutsideTeams sandbox={state.sandbox} error={state.error} deepLink={deepLink} onSandboxSignIn={signInToSandbox} />}
      {state.kind === "consentRequired" && (
        <ConsentRequired message={state.message} onGrantConsent={state.inTeams ? () => void retryTeamsSignIn() : undefined} />
      )}
      {state.kind === "forbidden" && <Forbidden session={state.session} onSignOut={state.session.sandbox ? signOut : undefined} />}
      {state.kind === "failed" && (
        <CenteredPanel>
          <ErrorMessage title="Sign-in failed" message={state.message} />
        </CenteredPanel>
      )}
      {state.kind === "signedIn" && (
        <Shell session={state.session} client={state.client} deepLink={deepLink} onSignOut={state.session.sandbox ? signOut : undefined} />
      )}
    </FluentProvider>
  );
}
