import { TestAdapter } from "botbuilder";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { recordFetch } from "../graph/support/sandbox.js";
import { exchange, personalChat, startBotStack, textOf, users, type BotStack } from "./support/botStack.js";

/** 2026-01-01T00:03:30Z: secret A (SHA-1, 30 s) shows 017470 then. */
const codeTime = 1_767_225_810_000;

let stack: BotStack;

beforeAll(async () => {
  // Only Date is faked, so the product and the in-process sandbox tenant both see the code's time.
  vi.useFakeTimers({ toFake: ["Date"], now: codeTime, shouldAdvanceTime: true });
  stack = await startBotStack();
});

afterAll(async () => {
  await stack?.stop();
  vi.useRealTimers();
});

it("sends a leading-zero code unchanged", async () => {
  const bot = stack.createBot();
  const adapter = new TestAdapter((context) => bot.run(context));
  await stack.addToken("71230001", { assignTo: users.chloe.id });
  expect(stack.codeNow()).toBe("017470");

  expect(textOf(await exchange(adapter, personalChat(users.chloe, { text: "activate my token 71230001" })))).toContain(
    "send me the 6-digit code",
  );
  const fetches = recordFetch();
  let replies;
  try {
    replies = await exchange(adapter, personalChat(users.chloe, { text: "please <at>Token Bot</at> activate my token 017470" }));
  } finally {
    fetches.restore();
  }

  expect(textOf(replies)).toBe("Token 71230001 is activated. You can now sign in with it.");
  const activation = fetches.requests.find((request) => request.url.endsWith("/activate"));
  expect(activation?.body).toBe('{"verificationCode":"017470"}');
  const audit = await stack.stores.audit.list({ serialNumber: "71230001" });
  expect(JSON.stringify(audit.items)).not.toContain("017470");
});
