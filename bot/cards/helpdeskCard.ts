import type { Signer } from "../../inventory/crypto/index.js";
import type { HelpdeskEvent } from "../../inventory/Inventory.js";
import type { HelpdeskCardState } from "./helpdeskCardState.js";
import { cardVersion, expandCard, type AdaptiveCardJson } from "./template.js";

/** Verbs of the Action.Execute buttons on helpdesk cards. */
export const cardVerbs = { unassignToken: "unassignToken", resetAttempts: "resetAttempts" } as const;
export type CardVerb = (typeof cardVerbs)[keyof typeof cardVerbs];

/** Failed import rows listed on a card; the rest are in the tab. */
const maxListedFailures = 5;

const template = {
  type: "AdaptiveCard",
  version: cardVersion,
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
  body: [
    { type: "TextBlock", text: "${title}", weight: "Bolder", size: "Medium", wrap: true },
    { type: "TextBlock", text: "${summary}", wrap: true, isSubtle: true },
    { type: "FactSet", facts: [{ $data: "${facts}", title: "${title}", value: "${value}" }] },
    {
      type: "Container",
      $when: "${count(failures) > 0}",
      items: [
        { type: "TextBlock", text: "First failed rows", weight: "Bolder", wrap: true },
        { type: "TextBlock", $data: "${failures}", text: "Row ${row}, serial ${serialNumber}: ${message}", wrap: true, spacing: "Small" },
      ],
    },
    {
      type: "Container",
      $when: "${count(history) > 0}",
      separator: true,
      items: [{ type: "TextBlock", $data: "${history}", text: "${text} by ${by} at ${at}", wrap: true, color: "Good", spacing: "Small" }],
    },
  ],
  actions: [
    {
      $when: "${canUnassign}",
      type: "Action.Execute",
      title: "Unassign token",
      verb: cardVerbs.unassignToken,
      data: { state: "${state}", signature: "${signature}" },
    },
    {
      $when: "${canReset}",
      type: "Action.Execute",
      title: "Reset attempts",
      verb: cardVerbs.resetAttempts,
      data: { state: "${state}", signature: "${signature}" },
    },
    { $when: "${tabUrl != ''}", type: "Action.OpenUrl", title: "${tabTitle}", url: "${tabUrl}" },
  ],
};

/** Returns the part of a card's state that its buttons send back, exactly as it is signed. */
export function signedState(state: HelpdeskCardState): HelpdeskCardState {
  return { event: state.event, history: state.history, ...(state.postedAt ? { postedAt: state.postedAt } : {}) };
}

/**
 * Builds the helpdesk card for an event, with the lines of what was done on it so far.
 * @param publicUrl public root of the product (PUBLIC_URL); without it the card has no tab link.
 * @param signer signs the state in the buttons' data, so that an action can name only what the bot posted.
 */
export function helpdeskCard(state: HelpdeskCardState, publicUrl: string | undefined, signer: Signer): AdaptiveCardJson {
  const view = describeEvent(state.event);
  const done = new Set(state.history.map((line) => line.verb));
  const serialNumber = "serialNumber" in state.event ? state.event.serialNumber : undefined;
  const userId = "userId" in state.event ? state.event.userId : undefined;
  const isFailure = state.event.kind === "activationLockout" || state.event.kind === "repeatedFailures";

  return expandCard(template, {
    ...view,
    history: state.history.map(({ text, by, at }) => ({ text, by, at })),
    state: signedState(state),
    signature: signer.sign(signedState(state)),
    canUnassign: Boolean(serialNumber) && (isFailure || state.event.kind === "tokenClaimed") && !done.has(cardVerbs.unassignToken),
    canReset: Boolean(userId) && isFailure && !done.has(cardVerbs.resetAttempts),
    tabUrl: publicUrl ? tabLink(publicUrl, state.event) : "",
    tabTitle: tabTitleOf(state.event.kind, serialNumber),
  });
}

/**
 * Builds the link into the admin tab for the event's token or import: `<PUBLIC_URL>/?serial=<serial>`,
 * `<PUBLIC_URL>/?import=<jobId>`, or the tab's root for events without either. The host serves the
 * tab at the site root, so a path in PUBLIC_URL is dropped.
 */
export function tabLink(publicUrl: string, event: HelpdeskEvent): string {
  // NOTE: Teams opens this link in a browser, not in the Admin tab. Only in sandbox mode can the
  // tab sign in there; otherwise it names the linked token or import and tells the admin to open
  // Teams. A Teams deep link (https://teams.microsoft.com/l/entity/<app id>/admin with the
  // subEntityId `serial:<serial>` or `import:<jobId>`, which tab/app/links/deepLink.ts also
  // reads) would open the tab in Teams, but needs the Teams app id, which the bot's configuration
  // does not have.
  const url = new URL("/", publicUrl);
  if (event.kind === "importFinished") url.searchParams.set("import", event.jobId);
  else if ("serialNumber" in event && event.serialNumber) url.searchParams.set("serial", event.serialNumber);
  return url.toString();
}

interface EventView {
  title: string;
  summary: string;
  facts: Array<{ title: string; value: string }>;
  failures: Array<{ row: string; serialNumber: string; message: string }>;
}

function describeEvent(event: HelpdeskEvent): EventView {
  const none = { failures: [] };
  switch (event.kind) {
    case "activationLockout":
      return {
        ...none,
        title: "Token activation locked",
        summary: `${userName(event)} sent ${event.attempts} wrong codes and may not try again until ${event.lockedUntil}.`,
        facts: userFacts(event, [{ title: "Locked until", value: event.lockedUntil }]),
      };
    case "repeatedFailures":
      return {
        ...none,
        title: "Repeated wrong activation codes",
        summary: `${userName(event)} sent ${event.attempts} wrong codes in a row.`,
        facts: userFacts(event, []),
      };
    case "importFinished": {
      const failed = event.counts.failed;
      return {
        title: "Import finished with failed rows",
        summary: `${event.fileName}: ${failed} of ${event.counts.total} rows failed.`,
        facts: [
          { title: "File", value: event.fileName },
          { title: "Rows", value: String(event.counts.total) },
          { title: "Activated", value: String(event.counts.activated) },
          { title: "Assigned", value: String(event.counts.assigned) },
          { title: "Created", value: String(event.counts.created) },
          { title: "Failed", value: String(failed) },
        ],
        failures: event.failures.slice(0, maxListedFailures).map((row) => ({
          row: String(row.row),
          serialNumber: row.serialNumber,
          message: row.error?.message ?? row.outcome,
        })),
      };
    }
    case "permissionMissing":
      return {
        ...none,
        title: "Graph permission missing",
        summary: `The app registration lacks ${event.permission}, so ${event.operation} failed. An admin must grant it and consent.`,
        facts: [
          { title: "Permission", value: event.permission },
          { title: "Operation", value: event.operation },
        ],
      };
    case "tokenClaimed":
      return {
        ...none,
        title: "Token activated by its holder",
        summary: `${userName(event)} activated token ${event.serialNumber} in chat.`,
        facts: userFacts(event, []),
      };
  }
}

function userName(event: { userId: string; userPrincipalName?: string }): string {
  return event.userPrincipalName ?? event.userId;
}

function userFacts(
  event: { userId: string; userPrincipalName?: string; serialNumber?: string; attempts?: number },
  extra: Array<{ title: string; value: string }>,
): Array<{ title: string; value: string }> {
  const facts = [{ title: "User", value: userName(event) }];
  if (event.serialNumber) facts.push({ title: "Token", value: event.serialNumber });
  if (event.attempts !== undefined) facts.push({ title: "Wrong codes", value: String(event.attempts) });
  return [...facts, ...extra];
}

function tabTitleOf(kind: HelpdeskEvent["kind"], serialNumber: string | undefined): string {
  if (kind === "importFinished") return "Open the import";
  if (serialNumber) return "Open the token";
  return "Open the inventory";
}
