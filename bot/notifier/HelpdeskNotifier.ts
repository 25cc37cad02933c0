import type { CloudAdapter, ConversationReference } from "botbuilder";
import type { HelpdeskEvent, Notifier } from "../../inventory/Inventory.js";
import type { Signer } from "../../inventory/crypto/index.js";
import type { Logger } from "../../inventory/logger.js";
import type { ConversationRepository } from "../../inventory/storage/conversationRepository.js";
import { helpdeskCard } from "../cards/helpdeskCard.js";
import { cardAttachment } from "../cards/template.js";
import { helpdeskConversation } from "../TokenBot.js";

/** Dependencies of the notifier for posting proactively. */
export interface HelpdeskNotifierOptions {
  adapter: Pick<CloudAdapter, "continueConversationAsync">;
  /** Bot registration id (BOT_ID); empty in local mode without channel auth. */
  botAppId: string;
  conversations: Pick<ConversationRepository, "get" | "markStale">;
  publicUrl?: string;
  /** Signs the data of the cards' buttons (see cardActions). */
  cardSigner: Signer;
  logger: Logger;
}

/**
 * Posts helpdesk events as Adaptive Cards into the conversation an admin chose with
 * `set helpdesk channel`. The reference is read from Table Storage at each event, so a fresh
 * process after a restart posts to the same channel. When Teams returns 403 or 404 (the bot was
 * removed), the reference is marked stale and that is logged once; later events are only logged
 * at debug level until an admin sets a channel again.
 */
export class HelpdeskNotifier implements Notifier {
  private warnedMissing = false;

  constructor(private readonly options: HelpdeskNotifierOptions) {}

  async notify(event: HelpdeskEvent): Promise<void> {
    const { logger } = this.options;
    const record = await this.options.conversations.get(helpdeskConversation.kind, helpdeskConversation.id);
    if (!record || record.stale) {
      if (!this.warnedMissing) logger.warn({ event: event.kind }, "no helpdesk channel; an admin sends `set helpdesk channel` in the channel that should get cards");
      else logger.debug({ event: event.kind }, "helpdesk event not posted: no helpdesk channel");
      this.warnedMissing = true;
      return;
    }

    const card = helpdeskCard({ event, history: [], postedAt: new Date().toISOString() }, this.options.publicUrl, this.options.cardSigner);
    const reference = record.conversationReference as Partial<ConversationReference>;
    // The adapter hands errors inside the turn to onTurnError, so the send error is caught in the turn.
    let sendError: unknown;
    await this.options.adapter.continueConversationAsync(this.options.botAppId, reference, async (context) => {
      try {
        await context.sendActivity({ attachments: [cardAttachment(card)] });
      } catch (error) {
        sendError = error;
      }
    });
    if (sendError === undefined) {
      logger.info({ event: event.kind, conversationId: reference.conversation?.id }, "helpdesk card posted");
      return;
    }

    const status = statusOf(sendError);
    if (status !== 403 && status !== 404) throw sendError;

    await this.options.conversations.markStale(helpdeskConversation.kind, helpdeskConversation.id);
    this.warnedMissing = true;
    logger.warn(
      { event: event.kind, status, conversationId: reference.conversation?.id },
      "the bot was removed from the helpdesk conversation; marked it stale. An admin sends `set helpdesk channel` again where the bot is installed",
    );
  }
}

function statusOf(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const candidate = error as { statusCode?: unknown; response?: { status?: unknown } };
  if (typeof candidate.statusCode === "number") return candidate.statusCode;
  return typeof candidate.response?.status === "number" ? candidate.response.status : undefined;
}
