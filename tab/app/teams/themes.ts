import { teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, type Theme } from "@fluentui/react-components";

/** Teams theme names as teams-js reports them. */
export type TeamsThemeName = "default" | "dark" | "contrast";

/** Picks the Fluent theme for a Teams theme name; unknown names fall back to the light theme. */
export function fluentThemeFor(teamsTheme: string): Theme {
  if (teamsTheme === "dark") return teamsDarkTheme;
  if (teamsTheme === "contrast") return teamsHighContrastTheme;
  return teamsLightTheme;
}

/** Theme that matches the browser's colour settings, used outside Teams. */
export function browserThemeName(): TeamsThemeName {
  if (window.matchMedia?.("(forced-colors: active)").matches) return "contrast";
  if (window.matchMedia?.("(prefers-color-scheme: dark)").matches) return "dark";
  return "default";
}
