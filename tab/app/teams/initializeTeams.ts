/**
 * Host of the tab: a Teams client (with its theme and, for a deep link, the `subEntityId` that
 * teams-js returns as `page.subPageId`), or an ordinary browser tab.
 */
export type TeamsHost = { inTeams: true; theme: string; subPageId?: string } | { inTeams: false };

/**
 * Time allowed for `app.initialize()`. In a frame that is not Teams it can hang ("SDK
 * initialization timed out") instead of failing, so the tab gives up after this and shows what to
 * do, well within 5 seconds.
 */
export const teamsInitializeTimeoutMs = 3_500;

function timeout(ms: number): Promise<"timeout"> {
  return new Promise((resolve) => setTimeout(() => resolve("timeout"), ms));
}

/**
 * True when no Teams client can be hosting this page: Teams web and desktop load tabs in a frame,
 * auth pop-ups have an opener, and the mobile clients inject `nativeInterface`.
 */
function cannotBeInTeams(): boolean {
  return window.self === window.top && !window.opener && !("nativeInterface" in window);
}

/**
 * Initialises teams-js and reads the host's theme, or reports that no Teams host responded in time.
 * teams-js is loaded only when a Teams host is possible, because importing it starts a request for
 * its list of valid origins from res.cdn.office.net.
 */
export async function initializeTeams(timeoutMs = teamsInitializeTimeoutMs): Promise<TeamsHost> {
  if (cannotBeInTeams()) return { inTeams: false };

  try {
    const { app } = await import("@microsoft/teams-js");
    const outcome = await Promise.race([app.initialize().then(() => "ready" as const), timeout(timeoutMs)]);
    if (outcome === "timeout") return { inTeams: false };

    const context = await app.getContext();
    await app.notifySuccess();
    return { inTeams: true, theme: context.app.theme, subPageId: context.page.subPageId || undefined };
  } catch (error) {
    // "No Parent window found" and similar: not a Teams host, which is an expected outcome.
    console.info("Microsoft Teams did not initialise the tab:", error instanceof Error ? error.message : error);
    return { inTeams: false };
  }
}

/** Calls `handler` whenever the user switches the Teams theme (default, dark, contrast). */
export async function onTeamsThemeChange(handler: (theme: string) => void): Promise<void> {
  const { app } = await import("@microsoft/teams-js");
  app.registerOnThemeChangeHandler(handler);
}
