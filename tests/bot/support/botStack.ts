import { randomBytes } from "node:crypto";
import { TestAdapter, type Activity } from "botbuilder";
import { createActivationService, type ActivationService } from "../../../inventory/activation/index.js";
import type { AttemptLimits } from "../../../inventory/activation/AttemptLimiter.js";
import { createSeedCipher } from "../../../inventory/crypto/seedCipher.js";
import { createSigner } from "../../../inventory/crypto/signer.js";
import type { HelpdeskEvent, Notifier } from "../../../inventory/Inventory.js";
import { createLogger } from "../../../inventory/logger.js";
import type { TableStores } from "../../../inventory/storage/index.js";
import { TableTokenService } from "../../../inventory/tokens/TokenService.js";
import { generateCode } from "../../../inventory/totp/codes.js";
import { staticAccessPolicy } from "../../../bot/access.js";
import { TokenBot } from "../../../bot/TokenBot.js";
import { startTestTenant, users, type TestTenant } from "../../graph/support/sandbox.js";
import { openStores } from "../../storage/openStores.js";

export { users };

/** Secret A of the shared test vectors: SHA-1, 30 s; at 1767225810 its code is 017470. */
export const secretA = "BZIMRXPVRJK6EBWJQAL2CGCQQWRDVFNA";

/** Helpdesk events that the services reported, in order. */
export class RecordingNotifier implements Notifier {
  readonly events: HelpdeskEvent[] = [];
  async notify(event: HelpdeskEvent): Promise<void> {
    this.events.push(event);
  }
}

/** Options of {@link startBotStack}. */
export interface BotStackOptions {
  limits?: Partial<AttemptLimits>;
  now?: () => Date;
}

/**
 * Starts the bot's dependencies over real parts: the sandbox tenant over HTTPS through the real Graph gateway, the
 * repositories on Azurite tables with a unique prefix, and the real seed cipher and TOTP code.
 */
export async function startBotStack(options: BotStackOptions = {}) {
  const testTenant: TestTenant = await startTestTenant();
  const graph = testTenant.gateway();
  const { stores, tablePrefix } = await openStores("bot");
  const secretKey = randomBytes(32);
  const cipher = createSeedCipher(secretKey);
  const cardSigner = createSigner(secretKey, "helpdesk cards");
  const notifier = new RecordingNotifier();
  const logger = createLogger("bot-test");
  const tokens = new TableTokenService({ graph, stores, cipher });
  const now = options.now ?? (() => new Date());

  /** A new ActivationService over the same tables, as a restarted process would create it. */
  const createActivation = () =>
    createActivationService({
      graph,
      stores,
      cipher,
      notifier: () => notifier,
      logger,
      limits: options.limits,
      now,
    });

  const activation = await createActivation();
  const access = staticAccessPolicy({ adminIds: [users.ada.id], helpdeskIds: [users.bruno.id] });
  const createBot = (service: ActivationService = activation) =>
    new TokenBot({
      activation: service,
      tokens,
      access,
      conversations: stores.conversations,
      publicUrl: "https://tokens.northwind.example",
      cardSigner,
      logger,
      now,
    });

  return {
    tenant: testTenant.tenant,
    graph,
    stores,
    tablePrefix,
    cipher,
    cardSigner,
    notifier,
    tokens,
    activation,
    access,
    createActivation,
    createBot,
    /** Creates a device in the sandbox and its inventory record; the seed is stored unless `seedStored` is false. */
    async addToken(serialNumber: string, tokenOptions: { secretKey?: string; assignTo?: string; seedStored?: boolean } = {}) {
      const secretKey = tokenOptions.secretKey ?? secretA;
      const device = await graph.createDevice({
        serialNumber,
        manufacturer: "Token2",
        model: "C202",
        secretKey,
        timeIntervalInSeconds: 30,
        hashFunction: "hmacsha1",
        assignTo: tokenOptions.assignTo ? { id: tokenOptions.assignTo } : undefined,
      });
      const time = now().toISOString();
      await stores.tokens.create({
        serialNumber,
        deviceId: device.id,
        manufacturer: "Token2",
        model: "C202",
        hashFunction: "hmacsha1",
        timeIntervalInSeconds: 30,
        status: tokenOptions.assignTo ? "assigned" : "available",
        assignedUserId: tokenOptions.assignTo,
        encryptedSecret: tokenOptions.seedStored === false ? undefined : cipher.encrypt(secretKey),
        createdAt: time,
        updatedAt: time,
      });
      return device;
    },
    /** Computes the code the token shows now (or `stepsAhead` steps later, as a drifting token would). */
    codeNow(secretKey = secretA, stepsAhead = 0): string {
      const epochSeconds = Math.floor(now().getTime() / 1000) + stepsAhead * 30;
      return generateCode({ secretKey, hashFunction: "hmacsha1", timeIntervalInSeconds: 30, epochSeconds });
    },
    async stop() {
      await testTenant.stop();
    },
  };
}

export type BotStack = Awaited<ReturnType<typeof startBotStack>>;

/** Builds an activity from a Teams user in a 1:1 chat with the bot. */
export function personalChat(user: { id: string }, extra: Partial<Activity> = {}): Partial<Activity> {
  return {
    channelId: "msteams",
    from: { id: `29:${user.id}`, name: "Test user", aadObjectId: user.id },
    recipient: { id: "28:bot", name: "Token Bot" },
    conversation: { id: `a:${user.id}`, conversationType: "personal", isGroup: false, name: "" },
    channelData: { tenant: { id: "sandbox-tenant" } },
    ...extra,
  };
}

/** Sends one activity through a TestAdapter and returns every reply the bot sent for it. */
export async function exchange(adapter: TestAdapter, activity: Partial<Activity>): Promise<Partial<Activity>[]> {
  await adapter.processActivity({ type: "message", ...activity });
  const replies = [...adapter.activeQueue];
  adapter.activeQueue.splice(0, adapter.activeQueue.length);
  return replies;
}

/** Text of the first reply. */
export function textOf(replies: Partial<Activity>[]): string {
  return replies.map((reply) => reply.text ?? "").join("\n");
}

export type { TableStores };
