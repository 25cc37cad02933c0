import { TestAdapter } from "botbuilder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collect } from "../storage/openStores.js";
import { exchange, personalChat, secretA, startBotStack, textOf, users, type BotStack } from "./support/botStack.js";

/** Directory users of samples/directory.json beyond the ones named in the shared test users. */
const member = (number: number) => ({ id: `00000000-0000-4000-8000-0000000000${String(number).padStart(2, "0")}` });
const disabled = { id: "00000000-0000-4000-8000-000000000103" };

let stack: BotStack;
let adapter: TestAdapter;

beforeAll(async () => {
  stack = await startBotStack();
  const bot = stack.createBot();
  adapter = new TestAdapter((context) => bot.run(context));
});

afterAll(async () => {
  await stack?.stop();
});

async function say(user: { id: string }, text: string) {
  return exchange(adapter, personalChat(user, { text }));
}

async function auditFor(serialNumber: string) {
  const page = await stack.stores.audit.list({ serialNumber, pageSize: 100 });
  return page.items.map((entry) => `${entry.action}:${entry.outcome}${entry.reason ? `:${entry.reason}` : ""}`);
}

describe("activate my token", () => {
  it("asks for the code with a card, then activates with it", async () => {
    const device = await stack.addToken("71240001");

    const first = await say(users.chloe, "activate my token 71240001");
    expect(textOf(first)).toContain("send me the 6-digit code");
    expect(first[0]!.attachments?.[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");

    const second = await say(users.chloe, `activate my token ${stack.codeNow()}`);
    expect(textOf(second)).toBe("Token 71240001 is activated. You can now sign in with it.");

    const inGraph = await stack.graph.getDevice(device.id);
    expect(inGraph?.status).toBe("activated");
    expect(inGraph?.assignedTo?.id).toBe(users.chloe.id);
    const record = await stack.stores.tokens.get("71240001");
    expect(record?.status).toBe("activated");
    expect(record?.assignedUserId).toBe(users.chloe.id);
    expect(record?.encryptedSecret).toBeUndefined();
    expect(record?.lastAcceptedTimeStep).toBeGreaterThan(0);
    expect(await auditFor("71240001")).toEqual(["activate:success", "activationRequested:success"]);
  });

  it("completes a claim from a reply with just the code", async () => {
    await stack.addToken("71240008");
    await say(users.ada, "activate my token 71240008");

    const replies = await say(users.ada, stack.codeNow());

    expect(textOf(replies)).toBe("Token 71240008 is activated. You can now sign in with it.");
  });

  it("claims a serial with a slash, as the importer accepts", async () => {
    await stack.addToken("C202/71240003");

    const replies = await say(users.dmitri, `activate my token C202/71240003 ${stack.codeNow()}`);

    expect(textOf(replies)).toBe("Token C202/71240003 is activated. You can now sign in with it.");
  });

  it("activates with serial and code in one message", async () => {
    await stack.addToken("71240002");

    const replies = await say(users.dmitri, `please activate my token 71240002 ${stack.codeNow()}`);

    expect(textOf(replies)).toBe("Token 71240002 is activated. You can now sign in with it.");
  });

  it("activates a token whose clock runs three steps ahead and records the drift", async () => {
    await stack.addToken("71240003");

    const replies = await say(member(5), `activate my token 71240003 ${stack.codeNow(secretA, 3)}`);

    expect(textOf(replies)).toContain("is activated");
    expect((await stack.stores.tokens.get("71240003"))?.driftSteps).toBe(3);
  });

  it("lets Graph decide where no seed is stored", async () => {
    const device = await stack.addToken("71240004", { seedStored: false });

    const replies = await say(member(6), `activate my token 71240004 ${stack.codeNow()}`);

    expect(textOf(replies)).toContain("is activated");
    expect((await stack.graph.getDevice(device.id))?.status).toBe("activated");
  });

  it("unassigns again when Graph rejects the code of an unassigned token", async () => {
    const device = await stack.addToken("71240005", { seedStored: false });
    stack.tenant.knobs.driftWindowSteps = 1;
    try {
      const replies = await say(member(7), `activate my token 71240005 ${stack.codeNow(secretA, 40)}`);

      expect(textOf(replies)).toContain("The code did not match token 71240005");
    } finally {
      stack.tenant.knobs.driftWindowSteps = null;
    }
    const inGraph = await stack.graph.getDevice(device.id);
    expect(inGraph?.assignedTo).toBeNull();
    expect(inGraph?.status).toBe("available");
    expect((await stack.stores.tokens.get("71240005"))?.status).toBe("available");
    expect(await auditFor("71240005")).toContain("activate:rejected:wrongCode");
  });

  it("rejects a wrong code locally without touching Graph", async () => {
    const device = await stack.addToken("71240006");
    const wrong = stack.codeNow(secretA, 40);

    const replies = await say(member(8), `activate my token 71240006 ${wrong}`);

    expect(textOf(replies)).toContain("The code did not match token 71240006");
    const inGraph = await stack.graph.getDevice(device.id);
    expect(inGraph?.status).toBe("available");
    expect(inGraph?.assignedTo).toBeNull();
  });

  it("completes a claim from the card's submit and prompts when the code is missing", async () => {
    await stack.addToken("71240007");
    await say(member(9), "activate my token 71240007");

    const withoutCode = await exchange(adapter, personalChat(member(9), { value: { action: "activate", serial: "71240007" } }));
    expect(textOf(withoutCode)).toBe("Enter the 6-digit code shown on the token.");
    expect(await auditFor("71240007")).toEqual(["activationRequested:success"]);

    const withCode = await exchange(
      adapter,
      personalChat(member(9), { value: { action: "activate", serial: "71240007", code: stack.codeNow() } }),
    );
    expect(textOf(withCode)).toContain("Token 71240007 is activated");
  });
});

describe("rejections", () => {
  it("rejects another user's token and changes nothing", async () => {
    const device = await stack.addToken("71240101", { assignTo: users.ada.id });

    const replies = await say(users.chloe, `activate my token 71240101 ${stack.codeNow()}`);

    expect(textOf(replies)).toContain("belongs to someone else");
    expect((await stack.graph.getDevice(device.id))?.assignedTo?.id).toBe(users.ada.id);
    expect(await auditFor("71240101")).toEqual(["activationRequested:rejected:otherUser"]);
  });

  it("rejects an unknown serial", async () => {
    const replies = await say(users.chloe, "activate my token 99999999");

    expect(textOf(replies)).toContain("There is no token with serial number 99999999");
  });

  it("answers a filter injection as no such token", async () => {
    const replies = await say(users.chloe, "activate my token x' or PartitionKey ne '");

    expect(textOf(replies)).toContain("There is no such token.");
  });

  it("rejects an already active token", async () => {
    await stack.addToken("71240102");
    await say(member(10), `activate my token 71240102 ${stack.codeNow()}`);

    const replies = await say(member(10), "activate my token 71240102");

    expect(textOf(replies)).toBe("The token 71240102 is already activated. Nothing was changed.");
  });

  it.each([
    ["guest", users.guest, "Guest accounts cannot hold hardware tokens"],
    ["disabled user", disabled, "Your account is disabled"],
  ])("rejects a %s", async (_name, user, message) => {
    const device = await stack.addToken(`7124020${_name === "guest" ? 1 : 2}`);

    const replies = await say(user, `activate my token ${device.serialNumber} ${stack.codeNow()}`);

    expect(textOf(replies)).toContain(message);
    expect((await stack.graph.getDevice(device.id))?.assignedTo).toBeNull();
  });

  it("asks for a code without a pending activation", async () => {
    const replies = await say(member(11), "activate my token 123456");

    expect(textOf(replies)).toContain("No activation is waiting for a code");
  });
});

describe("my tokens, cancel, help", () => {
  it("lists held and pending tokens, and cancel drops the pending ones", async () => {
    await stack.addToken("71240301");
    await stack.addToken("71240302");
    await say(member(12), `activate my token 71240301 ${stack.codeNow()}`);
    await say(member(12), "activate my token 71240302");

    expect(textOf(await say(member(12), "my tokens"))).toBe(
      "Your tokens:\n\n- 71240301: activated\n\n- 71240302: waiting for a code",
    );
    expect(textOf(await say(member(12), "cancel"))).toBe("Cancelled the activation of 71240302. The token is unchanged.");
    expect(textOf(await say(member(12), "my tokens"))).toBe("Your tokens:\n\n- 71240301: activated");
  });

  it("asks which token when several wait for a code", async () => {
    await stack.addToken("71240303");
    await stack.addToken("71240304");
    await say(users.bruno, "activate my token 71240303");
    await say(users.bruno, "activate my token 71240304");

    const replies = await say(users.bruno, `activate my token ${stack.codeNow()}`);

    expect(textOf(replies)).toContain("Several activations wait for a code: 71240303, 71240304");
    expect(replies[0]!.attachments).toHaveLength(1);
    await say(users.bruno, "cancel");
  });

  it("answers help and unknown text with the command list", async () => {
    expect(textOf(await say(users.chloe, "help"))).toContain("`activate my token <serial number>`");
    expect(textOf(await say(users.chloe, "hello there"))).toContain("I did not understand that.");
  });
});

describe("rate limit", () => {
  it("locks after five wrong codes, refuses a right one and tells the helpdesk", async () => {
    const user = users.danONeil;
    await stack.addToken("71240401");
    await say(user, "activate my token 71240401");
    const before = stack.notifier.events.length;

    const answers: string[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      answers.push(textOf(await say(user, `activate my token 71240401 ${stack.codeNow(secretA, 100 + attempt)}`)));
    }
    const rightCode = textOf(await say(user, `activate my token 71240401 ${stack.codeNow()}`));

    expect(answers.slice(0, 4).every((answer) => answer.includes("The code did not match"))).toBe(true);
    expect(answers[4]).toContain("Too many wrong codes");
    expect(rightCode).toContain("Too many wrong codes");
    const events = stack.notifier.events.slice(before).map((event) => event.kind);
    expect(events).toEqual(["repeatedFailures", "activationLockout"]);
    expect((await stack.stores.tokens.get("71240401"))?.status).toBe("available");

    await stack.activation.resetAttempts(user.id, { name: "helpdesk", kind: "admin" });
    expect(textOf(await say(user, `activate my token 71240401 ${stack.codeNow()}`))).toContain("is activated");
  });
});

describe("rate limit under a burst", () => {
  it("checks at most five codes when wrong codes arrive at once", async () => {
    const user = member(9);
    await stack.addToken("71240402");
    const chat = { aadObjectId: user.id };
    await stack.activation.claim(chat, "71240402");
    const before = stack.notifier.events.length;

    const wrong = Array.from({ length: 12 }, (_, attempt) => stack.codeNow(secretA, 200 + attempt));
    const outcomes = await Promise.all([...wrong, stack.codeNow()].map((code) => stack.activation.complete(chat, code, "71240402")));

    expect(outcomes.filter((outcome) => outcome.kind === "rejected" && outcome.reason === "wrongCode")).toHaveLength(4);
    expect(outcomes.some((outcome) => outcome.kind === "activated")).toBe(false);
    expect((await stack.stores.tokens.get("71240402"))?.status).toBe("available");
    const lockouts = stack.notifier.events.slice(before).filter((event) => event.kind === "activationLockout");
    expect(lockouts).toHaveLength(1);
  });
});

describe("restart", () => {
  it("continues a pending activation with new service instances over the same tables", async () => {
    await stack.addToken("71240501");
    await say(users.ada, "activate my token 71240501");

    const restartedBot = stack.createBot(await stack.createActivation());
    const restarted = new TestAdapter((context) => restartedBot.run(context));
    const replies = await exchange(restarted, personalChat(users.ada, { text: `activate my token ${stack.codeNow()}` }));

    expect(textOf(replies)).toBe("Token 71240501 is activated. You can now sign in with it.");
    const pendingRows = await collect(stack.stores.tokens.listByUser(users.ada.id));
    expect(pendingRows.map((token) => token.serialNumber)).toContain("71240501");
  });
});
