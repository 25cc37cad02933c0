import { z } from "zod";
import type { HelpdeskEvent } from "../../inventory/Inventory.js";

/** A line added to a helpdesk card when someone acted on it. */
export interface CardHistoryLine {
  /** Verb of the button that was used. */
  verb: string;
  /** What was done, for example "Token 71230001 unassigned". */
  text: string;
  /** Who did it (display name or UPN). */
  by: string;
  /** ISO time. */
  at: string;
}

/**
 * Everything a helpdesk card shows. It travels in the data of the card's Action.Execute buttons,
 * so the bot can redraw the card after an action without storing it.
 */
export interface HelpdeskCardState {
  event: HelpdeskEvent;
  history: CardHistoryLine[];
  /** ISO time the bot posted the card; an action refuses a token that changed after it. */
  postedAt?: string;
}

const countsSchema = z.record(z.string(), z.number());
const failureSchema = z.object({
  row: z.number(),
  serialNumber: z.string(),
  upn: z.string().optional(),
  outcome: z.string(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

const eventSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("importFinished"),
    jobId: z.string(),
    fileName: z.string(),
    counts: countsSchema,
    failures: z.array(failureSchema),
  }),
  z.object({
    kind: z.literal("activationLockout"),
    userId: z.string(),
    userPrincipalName: z.string().optional(),
    serialNumber: z.string().optional(),
    attempts: z.number(),
    lockedUntil: z.string(),
  }),
  z.object({
    kind: z.literal("repeatedFailures"),
    userId: z.string(),
    userPrincipalName: z.string().optional(),
    serialNumber: z.string().optional(),
    attempts: z.number(),
  }),
  z.object({ kind: z.literal("permissionMissing"), permission: z.string(), operation: z.string() }),
  z.object({
    kind: z.literal("tokenClaimed"),
    userId: z.string(),
    userPrincipalName: z.string().optional(),
    serialNumber: z.string(),
  }),
]);

/** Schema of the data that a helpdesk card button sends back in its `adaptiveCard/action` invoke. */
export const cardActionDataSchema = z.object({
  /** HMAC of the whole `state` by the bot's card signer. */
  signature: z.string().min(1).max(100),
  state: z.object({
    event: eventSchema,
    history: z.array(z.object({ verb: z.string(), text: z.string(), by: z.string(), at: z.string() })).max(20),
    postedAt: z.string().optional(),
  }),
});
