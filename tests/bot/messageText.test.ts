import { describe, expect, it } from "vitest";
import type { Activity } from "botbuilder";
import { parseCardSubmit } from "../../bot/commands/parseCardSubmit.js";
import { parseCommand } from "../../bot/commands/parseCommand.js";
import { normalizeMessageText } from "../../bot/text/normalizeText.js";

const botId = "28:11111111-2222-3333-4444-555555555555";
const mention = { type: "mention", text: "<at>Token Bot</at>", mentioned: { id: botId, name: "Token Bot" } };

function channelMessage(text: string, extra: Partial<Activity> = {}): Partial<Activity> {
  return {
    channelId: "msteams",
    conversation: { conversationType: "channel", id: "19:channel", isGroup: true, name: "helpdesk" },
    recipient: { id: botId, name: "Token Bot" },
    text,
    entities: [mention],
    ...extra,
  };
}

describe("normalizeMessageText", () => {
  it("removes the bot mention, CR/LF and non-breaking spaces in a channel", () => {
    const activity = channelMessage("\r\n<at>Token Bot</at> activate\u00a0my token 71230001\r\n", {
      attachments: [
        {
          contentType: "text/html",
          content: '<div><div><at id="0">Token Bot</at>&nbsp;activate my token <strong>71230001</strong></div></div>',
        },
      ],
    });

    expect(normalizeMessageText(activity)).toBe("activate my token 71230001");
    expect(activity.text).toBe("\r\n<at>Token Bot</at> activate\u00a0my token 71230001\r\n");
  });

  it("finds the command after other words and the mention", () => {
    const text = normalizeMessageText(channelMessage("please <at>Token Bot</at> activate my token 017470"));

    expect(text).toBe("please activate my token 017470");
    expect(parseCommand(text)).toEqual({ name: "activate", argument: "017470", code: undefined });
  });

  it("uses the HTML attachment when the text is empty", () => {
    const activity = channelMessage("", {
      attachments: [{ contentType: "text/html", content: "<p>activate&#160;my&nbsp;token&#xA0;<b>71230001</b></p>" }],
    });

    expect(normalizeMessageText(activity)).toBe("activate my token 71230001");
  });

  it.each([
    ["<p>My&nbsp;Tokens</p>", "My Tokens"],
    ["\u200bhelp\u2060", "help"],
    ["<at>Someone Else</at> cancel", "cancel"],
    ["a &amp; b &lt;c&gt;", "a & b <c>"],
    ["\u3000activate\u2003my\u2009token\u00a0X1234", "activate my token X1234"],
  ])("normalises %j", (text, expected) => {
    expect(normalizeMessageText({ text, recipient: { id: botId, name: "Token Bot" } })).toBe(expected);
  });
});

describe("parseCommand", () => {
  it.each([
    ["activate my token 71230001", { name: "activate", argument: "71230001", code: undefined }],
    ["ACTIVATE MY TOKEN 017470", { name: "activate", argument: "017470", code: undefined }],
    ["Activate My Token 71230001 017470", { name: "activate", argument: "71230001", code: "017470" }],
    ["activate my token 71230001.", { name: "activate", argument: "71230001", code: undefined }],
    ["activate my token", { name: "activate", argument: undefined, code: undefined }],
    ["activate my token x' or PartitionKey ne '", { name: "activate", argument: "x'", code: "or" }],
    ["my tokens", { name: "myTokens" }],
    ["show my token", { name: "myTokens" }],
    ["help", { name: "help" }],
    ["?", { name: "help" }],
    ["cancel", { name: "cancel" }],
    ["Set Helpdesk Channel", { name: "setHelpdeskChannel" }],
    ["hello", { name: "unknown", text: "hello" }],
    ["017470", { name: "activate", argument: "017470" }],
    [" 371846. ", { name: "activate", argument: "371846" }],
    ["1234567", { name: "unknown", text: "1234567" }],
  ])("parses %j", (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it("keeps a code with a leading zero as the same string", () => {
    const command = parseCommand("activate my token 017470");

    expect(command).toMatchObject({ argument: "017470" });
    expect(typeof (command as { argument: unknown }).argument).toBe("string");
  });
});

describe("parseCardSubmit", () => {
  it("reads the code prompt's object data merged with the code input", () => {
    expect(parseCardSubmit({ action: "activate", serial: "71230001", code: "017470" })).toEqual({
      action: "activate",
      serial: "71230001",
      code: "017470",
    });
  });

  it("treats a missing or empty code as no code", () => {
    expect(parseCardSubmit({ action: "activate", serial: "71230001" })).toEqual({ action: "activate", serial: "71230001" });
    expect(parseCardSubmit({ action: "activate", serial: "71230001", code: "" })).toEqual({
      action: "activate",
      serial: "71230001",
      code: undefined,
    });
  });

  it.each([["activate"], [{ action: "activate", code: 17470 }], [{ action: "other" }], [null]])("ignores %j", (value) => {
    expect(parseCardSubmit(value)).toBeUndefined();
  });
});
