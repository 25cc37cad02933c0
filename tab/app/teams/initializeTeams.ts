import { app } from "@microsoft/teams-js";

/** Where the tab runs: inside a Teams client (with its theme), or in an ordinary browser tab. */
export type TeamsHost = { inTeams: true; theme: string } | { inTeams: false };

/**
 * Time allowed for `app.initialize()`. Outside Teams it can hang ("SDK initialization timed out")
 * instead of failing, so the tab gives up after this and shows what to do, well within 5 seconds.
 */
export const teamsInitializeTimeoutMs = 3_500;

function timeout(ms: number): Promise<"timeout"> {
  return new Promise((resolve) => setTimeout(() => resolve("timeout"), ms));
}

/** Initialises teams-js and reads the host's theme, or reports that no Teams host answered in time. */
export async function initializeTeams(timeoutMs = teamsInitializeTimeoutMs): Promise<TeamsHost> {
  try {
    const outcome = await Promise.race([app.initialize().then(() => "ready" as const), timeout(timeoutMs)]);
    if (outcome === "timeout") return { inTeams: false };

    const context = await app.getContext();
    await app.notifySuccess();
    return { inTeams: true, theme: context.app.theme };
  } catch (error) {
    // "No Parent window found" and similar: an ordinary browser tab, which is an expected outcome.
    console.info("Microsoft Teams did not initialise the tab:", error instanceof Error ? error.message : error);
    return { inTeams: false };
  }
}

/** Calls `handler` whenever the user switches the Teams theme (default, dark, contrast). */
export function onTeamsThemeChange(handler: (theme: string) => void): void {
  app.registerOnThemeChangeHandler(handler);
}
