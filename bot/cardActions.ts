import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from "botbuilder";
import { InventoryError } from "../inventory/errors.js";
import type { Actor } from "../inventory/Inventory.js";
import { cardVerbs, helpdeskCard, signedState } from "./cards/helpdeskCard.js";
import { cardActionDataSchema, type CardHistoryLine, type HelpdeskCardState } from "./cards/helpdeskCardState.js";
import { adaptiveCardContentType, cardAttachment, type AdaptiveCardJson } from "./cards/template.js";
import type { TokenBotDependencies } from "./TokenBot.js";

/**
 * Answers an `adaptiveCard/action` invoke from a helpdesk card: checks that the clicking user is an
 * admin or in the helpdesk group, acts through the shared services (which write the audit), and
 * returns the card redrawn with who did what and when. The invoke is always answered with status
 * 200 and a card, except for data that no card of this bot sends (400).
 */
export async function handleCardAction(
  context: TurnContext,
  invokeValue: AdaptiveCardInvokeValue,
  deps: TokenBotDependencies,
): Promise<AdaptiveCardInvokeResponse> {
  const parsed = cardActionDataSchema.safeParse(invokeValue.action.data);
  const verb = invokeValue.action.verb;
  if (!verb) {
    deps.logger.warn("card action without a verb");
    return errorResponse(400, "BadRequest", "This card button has no action. Use the buttons of a card that the bot posted in the helpdesk channel.");
  }
  if (!parsed.success || (verb !== cardVerbs.unassignToken && verb !== cardVerbs.resetAttempts)) {
    deps.logger.warn({ verb }, "card action with unknown verb or data");
    return errorResponse(400, "BadRequest", `The card action "${verb}" is not one of this bot's; reopen the card from the helpdesk channel.`);
  }
  const state = parsed.data.state as HelpdeskCardState;
  // Only events that this bot signed may be acted on: anyone can send an invoke with made-up data.
  if (!deps.cardSigner.verify(signedState(state), parsed.data.signature)) {
    deps.logger.warn({ verb }, "card action with data that the bot did not sign");
    return errorResponse(400, "BadRequest", "This card was not posted by this bot, or was changed. Use the card in the helpdesk channel.");
  }

  const from = context.activity.from;
  const clicker = from?.aadObjectId;
  const allowed = clicker ? (await deps.access.isAdmin(clicker)) || (await deps.access.isHelpdesk(clicker)) : false;
  if (!allowed || !clicker) {
    deps.logger.warn({ verb, userId: clicker }, "card action rejected: not admin or helpdesk");
    return messageResponse("Only admins and members of the helpdesk group may use this button. Nothing was changed.");
  }

  const by = from?.name ?? clicker;
  const at = (deps.now?.() ?? new Date()).toISOString();
  const actor: Actor = { id: clicker, name: by, kind: "admin" };
  const line = await runVerb(verb, state, actor, deps);
  const card = helpdeskCard(withLine(state, { ...line, by, at }), deps.publicUrl, deps.cardSigner);
  await updateForEveryone(context, card, deps);
  return cardResponse(card);
}

async function runVerb(
  verb: string,
  state: HelpdeskCardState,
  actor: Actor,
  deps: TokenBotDependencies,
): Promise<{ verb: string; text: string }> {
  const event = state.event;
  try {
    if (verb === cardVerbs.unassignToken && "serialNumber" in event && event.serialNumber) {
      const token = await deps.tokens.get(event.serialNumber);
      if ("userId" in event && token?.assignedTo?.id !== event.userId) {
        return { verb: "failed", text: `Token ${event.serialNumber} is no longer assigned to ${event.userPrincipalName ?? event.userId}; nothing was changed` };
      }
      if (state.postedAt && token && token.updatedAt > state.postedAt) {
        return { verb: "failed", text: `Token ${event.serialNumber} changed after this card was posted; nothing was changed. Check it in the tab.` };
      }
      await deps.tokens.unassign(event.serialNumber, actor);
      deps.logger.info({ serialNumber: event.serialNumber, actor: actor.id }, "token unassigned from a helpdesk card");
      return { verb, text: `Token ${event.serialNumber} unassigned` };
    }
    if (verb === cardVerbs.resetAttempts && "userId" in event) {
      await deps.activation.resetAttempts(event.userId, actor);
      return { verb, text: `Failed attempts of ${event.userPrincipalName ?? event.userId} reset` };
    }
    return { verb: "failed", text: `The button "${verb}" does not apply to this card` };
  } catch (error) {
    if (!(error instanceof InventoryError)) throw error;
    deps.logger.warn({ err: error, verb, code: error.code }, "card action failed");
    return { verb: "failed", text: `Failed: ${error.message}` };
  }
}

function withLine(state: HelpdeskCardState, line: CardHistoryLine): HelpdeskCardState {
  return { ...state, history: [...state.history, line].slice(-20) };
}

/** Replaces the card in the channel, so that everyone sees the action, not only the clicker. */
async function updateForEveryone(context: TurnContext, card: AdaptiveCardJson, deps: TokenBotDependencies): Promise<void> {
  const activityId = context.activity.replyToId;
  if (!activityId) return;
  try {
    await context.updateActivity({ id: activityId, type: "message", attachments: [cardAttachment(card)] });
  } catch (error) {
    deps.logger.warn({ err: error, activityId }, "could not update the helpdesk card for everyone");
  }
}

function cardResponse(card: AdaptiveCardJson): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: adaptiveCardContentType, value: card as unknown as Record<string, unknown> };
}

/** Returns a short message that Teams shows to the clicking user only. The card stays as it was. */
function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: text as unknown as Record<string, unknown> };
}

function errorResponse(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: "application/vnd.microsoft.error", value: { code, message } as unknown as Record<string, unknown> };
}
