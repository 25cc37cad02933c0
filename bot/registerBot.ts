import type restify from "restify";
import type { CloudAdapter } from "botbuilder";
import { createActivationService, type ActivationService } from "../inventory/activation/index.js";
import type { InventoryConfig } from "../inventory/config.js";
import type { InventoryParts } from "../inventory/index.js";
import type { Logger } from "../inventory/logger.js";
import { staticAccessPolicy, type AccessPolicy } from "./access.js";
import { createAdapter } from "./adapter.js";
import { readJsonBody } from "./jsonBody.js";
import { HelpdeskNotifier } from "./notifier/HelpdeskNotifier.js";
import { TokenBot } from "./TokenBot.js";

/** What the host hands to {@link registerBot}. */
export interface RegisterBotDependencies {
  inventory: Pick<InventoryParts, "tokens" | "graph" | "stores" | "cipher" | "cardSigner" | "notifier">;
  config: Pick<InventoryConfig, "botId" | "botPassword" | "tenantId" | "publicUrl">;
  logger: Logger;
  /** Defaults to a service over the inventory's stores. */
  activation?: ActivationService;
  /**
   * Who is admin or helpdesk. NOTE: without one, `set helpdesk channel` and card buttons are
   * rejected for everyone, because Teams activities carry no roles.
   */
  access?: AccessPolicy;
  now?: () => Date;
}

/** The running bot, for tests and for the host's shutdown. */
export interface RegisteredBot {
  adapter: CloudAdapter;
  bot: TokenBot;
  notifier: HelpdeskNotifier;
  activation: ActivationService;
}

/**
 * Creates the bot on botbuilder's CloudAdapter, mounts POST /api/messages on the server, and makes
 * the bot the inventory's helpdesk notifier.
 */
export async function registerBot(server: restify.Server, deps: RegisterBotDependencies): Promise<RegisteredBot> {
  const { inventory, config, logger } = deps;
  const adapter = createAdapter({ botId: config.botId, botPassword: config.botPassword, tenantId: config.tenantId }, logger);

  const activation = deps.activation ?? (await createActivationService({
    graph: inventory.graph,
    stores: inventory.stores,
    cipher: inventory.cipher,
    notifier: () => inventory.notifier,
    logger: logger.child({ part: "activation" }),
    now: deps.now,
    options: { tenantId: config.tenantId },
  }));

  if (!deps.access) logger.warn("no access policy given: admin commands and helpdesk card buttons are rejected for everyone");
  const access = deps.access ?? staticAccessPolicy({});

  const bot = new TokenBot({
    activation,
    tokens: inventory.tokens,
    access,
    conversations: inventory.stores.conversations,
    publicUrl: config.publicUrl,
    cardSigner: inventory.cardSigner,
    logger,
    now: deps.now,
  });
  const notifier = new HelpdeskNotifier({
    adapter,
    botAppId: config.botId ?? "",
    conversations: inventory.stores.conversations,
    publicUrl: config.publicUrl,
    cardSigner: inventory.cardSigner,
    logger: logger.child({ part: "helpdesk" }),
  });
  inventory.notifier = notifier;

  server.post("/api/messages", async (request, response) => {
    const body = await readJsonBody(request);
    if (!body.ok) {
      response.send(body.status, { error: body.error });
      return;
    }
    request.body = body.value;
    await adapter.process(request, response, (context) => bot.run(context));
  });

  logger.info({ localMode: !config.botId }, "bot listening at POST /api/messages");
  return { adapter, bot, notifier, activation };
}
