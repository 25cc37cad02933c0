import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from "botbuilder";
import type { Logger } from "../inventory/logger.js";

/** Bot registration settings (BOT_ID, BOT_PASSWORD, the tenant of a single-tenant bot). */
export interface BotCredentials {
  botId?: string;
  botPassword?: string;
  tenantId?: string;
}

/**
 * Creates botbuilder's CloudAdapter. With BOT_ID the Bot Framework channel authenticates every
 * request; without it the adapter runs in local mode: requests are not authenticated and replies
 * go to the activity's serviceUrl without a token, which only suits a local client or test.
 */
export function createAdapter(credentials: BotCredentials, logger: Logger): CloudAdapter {
  if (!credentials.botId) {
    logger.warn("BOT_ID is not set: the bot runs in local mode WITHOUT channel authentication; never expose /api/messages like this");
  }
  const authentication = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: credentials.botId ?? "",
    MicrosoftAppPassword: credentials.botPassword ?? "",
    MicrosoftAppTenantId: credentials.tenantId ?? "",
    MicrosoftAppType: credentials.botId ? (credentials.tenantId ? "SingleTenant" : "MultiTenant") : "",
  });
  const adapter = new CloudAdapter(authentication);

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error({ err: error, activityType: context.activity.type, conversationId: context.activity.conversation?.id }, "bot turn failed");
    if (context.activity.type === "message") {
      await context.sendActivity("Something went wrong on my side. Nothing was changed; try again in a few minutes.");
    }
  };
  return adapter;
}
