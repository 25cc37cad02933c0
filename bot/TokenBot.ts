import {
  TeamsActivityHandler,
  TurnContext,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from "botbuilder";
import type { ActivationService } from "../inventory/activation/ActivationService.js";
import type { TokenService } from "../inventory/Inventory.js";
import type { Signer } from "../inventory/crypto/index.js";
import type { Logger } from "../inventory/logger.js";
import type { ConversationRepository } from "../inventory/storage/conversationRepository.js";
import type { AccessPolicy } from "./access.js";
import { handleCardAction } from "./cardActions.js";
import { chatUserOf } from "./chatUser.js";
import { parseCardSubmit } from "./commands/parseCardSubmit.js";
import { parseCommand, type ChatCommand } from "./commands/parseCommand.js";
import { activationReply, cancelReply, helpText, myTokensReply } from "./replies.js";
import { codePromptCard } from "./cards/codePromptCard.js";
import { cardAttachment } from "./cards/template.js";
import { normalizeMessageText } from "./text/normalizeText.js";

/** Conversation kind and id under which the helpdesk channel's reference is stored. */
export const helpdeskConversation = { kind: "helpdesk", id: "default" } as const;

/** Dependencies of the bot on the rest of the product. */
export interface TokenBotDependencies {
  activation: Pick<ActivationService, "claim" | "complete" | "myTokens" | "cancel" | "resetAttempts">;
  tokens: Pick<TokenService, "unassign" | "get">;
  /** Signs and checks the data of helpdesk card buttons. */
  cardSigner: Signer;
  access: AccessPolicy;
  conversations: Pick<ConversationRepository, "save">;
  /** Public root of the product (PUBLIC_URL), for links on cards. */
  publicUrl?: string;
  logger: Logger;
  now?: () => Date;
}

/**
 * The Teams bot: chat commands for self-service activation, `set helpdesk channel` for admins,
 * and the buttons of helpdesk cards. It acts only for the person in the activity.
 */
export class TokenBot extends TeamsActivityHandler {
  constructor(private readonly deps: TokenBotDependencies) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return handleCardAction(context, invokeValue, this.deps);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    const user = chatUserOf(activity);
    if (!user) {
      await context.sendActivity("I can only act for people signed in to Teams with a work account.");
      return;
    }

    const submit = activity.value === undefined ? undefined : parseCardSubmit(activity.value);
    if (submit?.action === "cancel") {
      await context.sendActivity(cancelReply(await this.deps.activation.cancel(user)));
      return;
    }
    if (submit?.action === "activate") {
      // A submit without a code (for example a channel that dropped the inputs) gets the prompt again.
      if (!submit.code) {
        const prompt = submit.serial
          ? { text: "Enter the 6-digit code shown on the token.", attachments: [cardAttachment(codePromptCard(submit.serial))] }
          : { text: "Enter the 6-digit code shown on the token, or send `activate my token <code>`." };
        await context.sendActivity(prompt);
        return;
      }
      await context.sendActivity(activationReply(await this.deps.activation.complete(user, submit.code, submit.serial)));
      return;
    }

    const command = parseCommand(normalizeMessageText(activity));
    this.deps.logger.debug({ command: command.name, conversationType: activity.conversation?.conversationType }, "chat command");
    await this.runCommand(context, command, user);
  }

  private async runCommand(context: TurnContext, command: ChatCommand, user: NonNullable<ReturnType<typeof chatUserOf>>) {
    switch (command.name) {
      case "activate":
        if (!command.argument) {
          await context.sendActivity("Send `activate my token <serial number>`; the serial number is printed on the back of the token.");
          return;
        }
        await context.sendActivity(activationReply(await this.deps.activation.claim(user, command.argument, command.code)));
        return;
      case "myTokens":
        await context.sendActivity(myTokensReply(await this.deps.activation.myTokens(user)));
        return;
      case "cancel":
        await context.sendActivity(cancelReply(await this.deps.activation.cancel(user)));
        return;
      case "setHelpdeskChannel":
        await this.setHelpdeskChannel(context, user.aadObjectId);
        return;
      case "help":
        await context.sendActivity(helpText);
        return;
      case "unknown":
        await context.sendActivity(`I did not understand that. ${helpText}`);
        return;
    }
  }

  private async setHelpdeskChannel(context: TurnContext, userId: string): Promise<void> {
    const activity = context.activity;
    if (!(await this.deps.access.isAdmin(userId))) {
      await context.sendActivity("Only Token Inventory admins can choose the helpdesk channel.");
      return;
    }
    if (activity.conversation.conversationType === "personal") {
      await context.sendActivity("Send `set helpdesk channel` in the channel or group chat that should receive helpdesk cards.");
      return;
    }

    // Cards start new posts in the channel: without the message id they are not replies in this thread.
    const { activityId: _threadMessage, ...reference } = TurnContext.getConversationReference(activity);
    const conversation = { ...activity.conversation, id: activity.conversation.id.replace(/;messageid=.*$/u, "") };
    const tenantId = chatUserOf(activity)?.tenantId;
    await this.deps.conversations.save({
      ...helpdeskConversation,
      conversationReference: { ...reference, conversation } as Record<string, unknown>,
      serviceUrl: activity.serviceUrl,
      tenantId,
      stale: false,
      updatedAt: (this.deps.now?.() ?? new Date()).toISOString(),
    });
    this.deps.logger.info({ conversationId: conversation.id, userId }, "helpdesk channel set");
    await context.sendActivity("Helpdesk cards will be posted here from now on.");
  }
}
