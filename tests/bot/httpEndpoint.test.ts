import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import restify from "restify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Activity } from "botbuilder";
import type { HelpdeskEvent, Notifier } from "../../inventory/Inventory.js";
import { createLogger } from "../../inventory/logger.js";
import { registerBot, type RegisteredBot } from "../../bot/registerBot.js";
import { helpdeskConversation } from "../../bot/TokenBot.js";
import { startConnectorStub, type ConnectorStub } from "./support/connectorStub.js";
import { startBotStack, users, type BotStack } from "./support/botStack.js";
import { cardProblems } from "./support/adaptiveCardSchema.js";

const tenantId = "sandbox-tenant";
const botAccount = { id: "28:11111111-2222-3333-4444-555555555555", name: "Token Bot" };
const channelId = "19:helpdesk@thread.tacv2";

let stack: BotStack;
let connector: ConnectorStub;
const hosts: Array<{ server: restify.Server; url: string; registered: RegisteredBot }> = [];

/** Starts a restify server with the bot, as a fresh process would, over the same tables. */
async function startHost() {
  const server = restify.createServer({ name: "bot-under-test" });
  const inventory: { notifier: Notifier } & Pick<BotStack, "tokens" | "graph" | "stores" | "cipher" | "cardSigner"> = {
    tokens: stack.tokens,
    graph: stack.graph,
    stores: stack.stores,
    cipher: stack.cipher,
    cardSigner: stack.cardSigner,
    notifier: stack.notifier,
  };
  const registered = await registerBot(server, {
    inventory,
    config: { publicUrl: "https://tokens.northwind.example" },
    logger: createLogger("bot-http-test"),
    access: stack.access,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const host = { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, registered };
  hosts.push(host);
  return host;
}

let sequence = 0;

/** Builds a Teams-shaped activity from a user, addressed to the connector stub as serviceUrl. */
function teamsActivity(user: { id: string }, fields: Partial<Activity>): Partial<Activity> {
  sequence += 1;
  return {
    type: "message",
    id: `activity-${sequence}`,
    timestamp: new Date(),
    serviceUrl: connector.url,
    channelId: "msteams",
    from: { id: `29:${user.id}`, name: `User ${user.id.slice(-3)}`, aadObjectId: user.id },
    recipient: botAccount,
    conversation: { id: `a:personal-${user.id}`, conversationType: "personal", tenantId, isGroup: false, name: "" },
    channelData: { tenant: { id: tenantId } },
    locale: "en-US",
    ...fields,
  };
}

async function post(host: { url: string }, activity: Partial<Activity>) {
  const response = await fetch(`${host.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  return { status: response.status, body: text === "" ? undefined : (JSON.parse(text) as Record<string, unknown>) };
}

beforeAll(async () => {
  stack = await startBotStack();
  connector = await startConnectorStub();
});

afterAll(async () => {
  for (const host of hosts) host.server.close();
  await connector?.close();
  await stack?.stop();
});

describe("POST /api/messages", () => {
  it("replies through the connector at the activity's serviceUrl", async () => {
    const host = await startHost();
    const activity = teamsActivity(users.chloe, { text: "help" });

    const response = await post(host, activity);

    expect(response.status).toBe(200);
    const reply = connector.calls.find((call) => call.activityId === activity.id);
    expect(reply?.conversationId).toBe(`a:personal-${users.chloe.id}`);
    expect(String(reply?.activity.text)).toContain("activate my token");
  });

  it("understands a channel message with the mention, HTML and a non-breaking space", async () => {
    const host = hosts[0] ?? (await startHost());
    await stack.addToken("71250001");
    const activity = teamsActivity(users.dmitri, {
      conversation: { id: `${channelId};messageid=1`, conversationType: "channel", tenantId, isGroup: true, name: "helpdesk" },
      text: "\r\n<at>Token Bot</at> activate\u00a0my token 71250001\r\n",
      entities: [{ type: "mention", text: "<at>Token Bot</at>", mentioned: botAccount }],
      attachments: [
        {
          contentType: "text/html",
          content: '<div><div><at id="0">Token Bot</at>&nbsp;activate my token <strong>71250001</strong></div></div>',
        },
      ],
    });

    await post(host, activity);

    const reply = connector.calls.find((call) => call.activityId === activity.id);
    expect(String(reply?.activity.text)).toContain("Token 71250001 can be activated for you");
    expect(reply?.activity.attachments).toHaveLength(1);
    await post(host, teamsActivity(users.dmitri, { text: "cancel" }));
  });

  it("serves the local chat script", async () => {
    const host = hosts[0] ?? (await startHost());
    const script = path.join(import.meta.dirname, "..", "..", "scripts", "chat.ts");

    const { stdout } = await promisify(execFile)("npx", ["tsx", script, "--url", host.url, "--user", users.chloe.id, "my tokens"], {
      cwd: path.join(import.meta.dirname, "..", ".."),
    });

    expect(stdout).toContain("> my tokens");
    expect(stdout).toContain("< You hold no hardware token yet.");
  });

  it("rejects a body that is not a JSON activity", async () => {
    const host = hosts[0] ?? (await startHost());

    const response = await fetch(`${host.url}/api/messages`, { method: "POST", body: "not json" });

    expect(response.status).toBe(400);
  });
});

describe("helpdesk channel and cards", () => {
  const channelConversation = { id: channelId, conversationType: "channel", tenantId, isGroup: true, name: "helpdesk" };
  const lockout: HelpdeskEvent = {
    kind: "activationLockout",
    userId: users.danONeil.id,
    userPrincipalName: users.danONeil.upn,
    serialNumber: "71250101",
    attempts: 5,
    lockedUntil: "2026-12-31T00:00:00.000Z",
  };

  it("refuses `set helpdesk channel` from a user who is not admin", async () => {
    const host = hosts[0] ?? (await startHost());
    const activity = teamsActivity(users.chloe, { conversation: { ...channelConversation, id: `${channelId};messageid=7` }, text: "set helpdesk channel" });

    await post(host, activity);

    expect(connector.calls.find((call) => call.activityId === activity.id)?.activity.text).toBe(
      "Only Token Inventory admins can choose the helpdesk channel.",
    );
    expect(await stack.stores.conversations.get(helpdeskConversation.kind, helpdeskConversation.id)).toBeUndefined();
  });

  it("posts cards to the admin's channel after restart", async () => {
    const first = hosts[0] ?? (await startHost());
    await post(first, teamsActivity(users.ada, { conversation: { ...channelConversation, id: `${channelId};messageid=8` }, text: "<at>Token Bot</at> set helpdesk channel", entities: [{ type: "mention", text: "<at>Token Bot</at>", mentioned: botAccount }] }));

    const stored = await stack.stores.conversations.get(helpdeskConversation.kind, helpdeskConversation.id);
    expect(stored?.serviceUrl).toBe(connector.url);
    expect(stored?.tenantId).toBe(tenantId);

    const fresh = await startHost();
    await fresh.registered.notifier.notify(lockout);

    // The stored reference has no message id, so the card starts a new post in the channel.
    const posted = connector.calls.filter((call) => call.conversationId === channelId && call.method === "POST");
    expect(posted).toHaveLength(1);
    const card = (posted[0]!.activity.attachments as Array<{ content: Record<string, unknown> }>)[0]!.content;
    expect(cardProblems(card)).toEqual([]);
  });

  it("answers a card button with status 200 and the refreshed card", async () => {
    const host = hosts.at(-1)!;
    await stack.addToken("71250101");
    await stack.activation.claim({ aadObjectId: users.danONeil.id }, "71250101");
    const posted = connector.calls.filter((call) => call.conversationId === channelId && call.method === "POST").at(-1)!;
    const card = (posted.activity.attachments as Array<{ content: { actions: Array<{ verb?: string; data?: unknown }> } }>)[0]!.content;
    const reset = card.actions.find((action) => action.verb === "resetAttempts")!;
    await stack.stores.attempts.lockUntil(users.danONeil.id, new Date(Date.now() + 60_000));

    const response = await post(host, teamsActivity(users.bruno, {
      type: "invoke",
      name: "adaptiveCard/action",
      conversation: channelConversation,
      replyToId: "stub-card-1",
      value: { action: { type: "Action.Execute", verb: "resetAttempts", data: reset.data }, trigger: "manual" },
    }));

    expect(response.status).toBe(200);
    expect(response.body?.statusCode).toBe(200);
    expect(response.body?.type).toBe("application/vnd.microsoft.card.adaptive");
    const refreshed = JSON.stringify(response.body?.value);
    expect(refreshed).toContain(`Failed attempts of ${users.danONeil.upn} reset by User 002 at`);
    const verbs = (response.body?.value as { actions: Array<{ verb?: string }> }).actions.map((action) => action.verb);
    expect(verbs).toEqual(["unassignToken", undefined]);
    expect(await stack.stores.attempts.getLockedUntil(users.danONeil.id)).toBeUndefined();
    expect(connector.calls.some((call) => call.method === "PUT" && call.activityId === "stub-card-1")).toBe(true);
    const audit = await stack.stores.audit.list({ action: "resetAttempts" });
    expect(audit.items[0]?.actor).toBe("User 002");
  });

  it("unassigns a token from the card and refuses users outside admin and helpdesk", async () => {
    const host = hosts.at(-1)!;
    const device = await stack.addToken("71250102", { assignTo: users.dmitri.id });
    const event: HelpdeskEvent = { kind: "tokenClaimed", userId: users.dmitri.id, serialNumber: "71250102" };
    const data = { state: { event, history: [] }, signature: stack.cardSigner.sign({ event, history: [] }) };
    const invoke = (user: { id: string }) =>
      teamsActivity(user, {
        type: "invoke",
        name: "adaptiveCard/action",
        conversation: channelConversation,
        value: { action: { type: "Action.Execute", verb: "unassignToken", data }, trigger: "manual" },
      });

    const denied = await post(host, invoke(users.chloe));
    expect(denied.body?.statusCode).toBe(200);
    expect(denied.body?.type).toBe("application/vnd.microsoft.activity.message");
    expect(String(denied.body?.value)).toContain("Only admins and members of the helpdesk group may use this button");
    expect((await stack.graph.getDevice(device.id))?.assignedTo?.id).toBe(users.dmitri.id);

    const done = await post(host, invoke(users.ada));
    expect(done.body?.statusCode).toBe(200);
    expect(JSON.stringify(done.body?.value)).toContain("Token 71250102 unassigned by");
    expect((await stack.graph.getDevice(device.id))?.assignedTo).toBeNull();
  });

  it("rejects card data that the bot did not sign", async () => {
    const host = hosts.at(-1)!;
    const device = await stack.addToken("71250103", { assignTo: users.dmitri.id });
    const event: HelpdeskEvent = { kind: "tokenClaimed", userId: users.dmitri.id, serialNumber: "71250103" };
    const forged = { state: { event, history: [] }, signature: stack.cardSigner.sign({ ...event, serialNumber: "other" }) };

    const response = await post(host, teamsActivity(users.bruno, {
      type: "invoke",
      name: "adaptiveCard/action",
      conversation: channelConversation,
      value: { action: { type: "Action.Execute", verb: "unassignToken", data: forged }, trigger: "manual" },
    }));

    expect(response.body?.statusCode).toBe(400);
    expect((await stack.graph.getDevice(device.id))?.assignedTo?.id).toBe(users.dmitri.id);
  });

  it("rejects a genuine card whose history was changed", async () => {
    const host = hosts.at(-1)!;
    const device = await stack.addToken("71250105", { assignTo: users.dmitri.id });
    const event: HelpdeskEvent = { kind: "tokenClaimed", userId: users.dmitri.id, serialNumber: "71250105" };
    const history = [{ verb: "unassignToken", text: "All tokens wiped", by: "Ada Alvarez", at: "2026-01-01T00:00:00.000Z" }];
    const data = { state: { event, history }, signature: stack.cardSigner.sign({ event, history: [] }) };

    const response = await post(host, teamsActivity(users.bruno, {
      type: "invoke",
      name: "adaptiveCard/action",
      conversation: channelConversation,
      value: { action: { type: "Action.Execute", verb: "unassignToken", data }, trigger: "manual" },
    }));

    expect(response.body?.statusCode).toBe(400);
    expect((await stack.graph.getDevice(device.id))?.assignedTo?.id).toBe(users.dmitri.id);
  });

  it("leaves a token alone that changed after the card was posted", async () => {
    const host = hosts.at(-1)!;
    const device = await stack.addToken("71250106", { assignTo: users.dmitri.id });
    const event: HelpdeskEvent = { kind: "tokenClaimed", userId: users.dmitri.id, serialNumber: "71250106" };
    const state = { event, history: [], postedAt: "2000-01-01T00:00:00.000Z" };
    const data = { state, signature: stack.cardSigner.sign(state) };

    const response = await post(host, teamsActivity(users.ada, {
      type: "invoke",
      name: "adaptiveCard/action",
      conversation: channelConversation,
      value: { action: { type: "Action.Execute", verb: "unassignToken", data }, trigger: "manual" },
    }));

    expect(JSON.stringify(response.body?.value)).toContain("changed after this card was posted");
    expect((await stack.graph.getDevice(device.id))?.assignedTo?.id).toBe(users.dmitri.id);
  });

  it("leaves a token alone that is no longer the card user's", async () => {
    const host = hosts.at(-1)!;
    const device = await stack.addToken("71250104", { assignTo: users.chloe.id });
    const event: HelpdeskEvent = { kind: "tokenClaimed", userId: users.dmitri.id, serialNumber: "71250104" };
    const data = { state: { event, history: [] }, signature: stack.cardSigner.sign({ event, history: [] }) };

    const response = await post(host, teamsActivity(users.ada, {
      type: "invoke",
      name: "adaptiveCard/action",
      conversation: channelConversation,
      value: { action: { type: "Action.Execute", verb: "unassignToken", data }, trigger: "manual" },
    }));

    expect(JSON.stringify(response.body?.value)).toContain("is no longer assigned to");
    expect((await stack.graph.getDevice(device.id))?.assignedTo?.id).toBe(users.chloe.id);
  });

  it("answers an invoke with foreign data with 400", async () => {
    const host = hosts.at(-1)!;

    const response = await post(host, teamsActivity(users.ada, {
      type: "invoke",
      name: "adaptiveCard/action",
      conversation: channelConversation,
      value: { action: { type: "Action.Execute", verb: "deleteEverything", data: { any: 1 } }, trigger: "manual" },
    }));

    expect(response.status).toBe(400);
    expect(response.body?.type).toBe("application/vnd.microsoft.error");
  });

  it("marks the channel stale once when the bot was removed from it", async () => {
    const host = hosts.at(-1)!;
    connector.removed.add(channelId);
    const callsBefore = connector.calls.length;
    try {
      await host.registered.notifier.notify(lockout);
      await host.registered.notifier.notify(lockout);
      await startHost().then((fresh) => fresh.registered.notifier.notify(lockout));
    } finally {
      connector.removed.delete(channelId);
    }

    const stored = await stack.stores.conversations.get(helpdeskConversation.kind, helpdeskConversation.id);
    expect(stored?.stale).toBe(true);
    expect(connector.calls.length).toBe(callsBefore);
  });
});
