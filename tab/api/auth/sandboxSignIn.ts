import { z } from "zod";
import { HttpError } from "../http/errors.js";

/** A token that the sandbox tenant issued for one of its directory users. */
export interface SandboxSignInResult {
  accessToken: string;
}

const signInResponseSchema = z.object({ accessToken: z.string().min(1) });
const sandboxErrorSchema = z.object({
  code: z.string().optional(),
  error: z.string().optional(),
  message: z.string().optional(),
});

/**
 * Asks the sandbox tenant (`POST <sandboxUrl>/_sandbox/signin`) for a signed user token, the way
 * Teams SSO would hand one to the tab. Runs on the server, over HTTPS trusted through
 * NODE_EXTRA_CA_CERTS, so the browser never talks to the sandbox.
 * @throws HttpError 404 for a user the sandbox directory lacks, 502 when the sandbox fails.
 */
export async function requestSandboxToken(
  sandboxUrl: string,
  userPrincipalName: string,
  audience: string,
): Promise<SandboxSignInResult> {
  const url = `${sandboxUrl.replace(/\/+$/, "")}/_sandbox/signin`;

  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ userPrincipalName, audience }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new HttpError(502, "sandboxUnreachable", `The sandbox tenant at ${sandboxUrl} did not respond. Check that it is running.`, { cause: error });
  }

  if (response.ok) {
    const body = signInResponseSchema.safeParse(await response.json().catch(() => undefined));
    if (!body.success) throw new HttpError(502, "sandboxInvalidResponse", "The sandbox tenant returned no access token for the sign-in.");
    return { accessToken: body.data.accessToken };
  }

  const problem = sandboxErrorSchema.safeParse(await response.json().catch(() => ({})));
  const detail = problem.success ? (problem.data.message ?? problem.data.error ?? problem.data.code) : undefined;
  if (response.status === 404) {
    throw new HttpError(404, "userNotFound", `The sandbox directory has no user ${userPrincipalName}. Pick a user from the list.`);
  }
  if (response.status === 400 || response.status === 403) {
    throw new HttpError(
      response.status,
      "sandboxSignInRejected",
      `The sandbox tenant rejected sign-in for ${userPrincipalName}${detail ? `: ${detail}` : ""}.`,
    );
  }
  throw new HttpError(502, "sandboxSignInFailed", `The sandbox tenant failed to sign in ${userPrincipalName} (HTTP ${response.status}).`);
}
