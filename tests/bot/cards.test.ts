import { randomBytes } from "node:crypto";
import { createSigner } from "../../inventory/crypto/index.js";
import { describe, expect, it } from "vitest";
import type { HelpdeskEvent } from "../../inventory/Inventory.js";
import { chooseTokenCard, codePromptCard } from "../../bot/cards/codePromptCard.js";
import { cardVerbs, helpdeskCard, tabLink } from "../../bot/cards/helpdeskCard.js";
import { cardActionDataSchema } from "../../bot/cards/helpdeskCardState.js";
import { cardProblems } from "./support/adaptiveCardSchema.js";

const events: HelpdeskEvent[] = [
  { kind: "activationLockout", userId: "u-1", userPrincipalName: "chloe.alvarez@northwind.example", serialNumber: "71230001", attempts: 5, lockedUntil: "2026-01-01T00:15:00.000Z" },
  { kind: "repeatedFailures", userId: "u-1", serialNumber: "71230001", attempts: 3 },
  {
    kind: "importFinished",
    jobId: "job-1",
    fileName: "seeds.csv",
    counts: { total: 10, valid: 0, created: 2, assigned: 1, activated: 4, skipped: 0, failed: 3 },
    failures: Array.from({ length: 7 }, (_, index) => ({
      row: index + 2,
      serialNumber: `0000${index}`,
      outcome: "failed" as const,
      error: { code: "invalidSecret", message: `Row ${index + 2} has an invalid secret.` },
    })),
  },
  { kind: "permissionMissing", permission: "UserAuthenticationMethod.ReadWrite.All", operation: "activate" },
  { kind: "tokenClaimed", userId: "u-1", userPrincipalName: "chloe.alvarez@northwind.example", serialNumber: "71230001" },
];

describe("code prompt card", () => {
  it("is a valid Adaptive Card", () => {
    expect(cardProblems(codePromptCard("71230001"))).toEqual([]);
    expect(cardProblems(chooseTokenCard(["71230001", "71230002"]))).toEqual([]);
  });

  it("submits object data with the serial as a string and a code input", () => {
    const card = codePromptCard("00012345");
    const actions = card.actions as Array<{ type: string; data: unknown }>;
    const input = (card.body as Array<{ type: string; id?: string }>).find((element) => element.type === "Input.Text");

    expect(actions[0]).toEqual({ type: "Action.Submit", title: "Activate", data: { action: "activate", serial: "00012345" } });
    expect(input?.id).toBe("code");
  });

  it("offers every pending serial as a string choice", () => {
    const card = chooseTokenCard(["71230001", "00012345"]);
    const choiceSet = (card.body as Array<{ type: string; choices?: unknown }>).find((element) => element.type === "Input.ChoiceSet");

    expect(choiceSet?.choices).toEqual([
      { title: "71230001", value: "71230001" },
      { title: "00012345", value: "00012345" },
    ]);
  });
});

const signer = createSigner(randomBytes(32), "helpdesk cards");

describe("helpdesk cards", () => {
  it.each(events.map((event) => [event.kind, event] as const))("%s card is a valid Adaptive Card", (_kind, event) => {
    const card = helpdeskCard({ event, history: [] }, "https://tokens.northwind.example", signer);

    expect(cardProblems(card)).toEqual([]);
  });

  it("lockout card has Execute buttons with verbs and a tab link", () => {
    const card = helpdeskCard({ event: events[0]!, history: [] }, "https://tokens.northwind.example", signer);
    const actions = card.actions as Array<{ type: string; verb?: string; url?: string; data?: unknown }>;

    expect(actions.map((action) => action.verb ?? action.type)).toEqual([cardVerbs.unassignToken, cardVerbs.resetAttempts, "Action.OpenUrl"]);
    expect(actions[2]!.url).toBe("https://tokens.northwind.example/?serial=71230001");
    expect(cardActionDataSchema.safeParse(actions[0]!.data).success).toBe(true);
  });

  it("import card lists the first five failures and the counts", () => {
    const card = helpdeskCard({ event: events[2]!, history: [] }, "https://tokens.northwind.example", signer);
    const text = JSON.stringify(card);

    expect(text).toContain("seeds.csv: 3 of 10 rows failed.");
    expect(text).toContain("Row 6, serial 00004");
    expect(text).not.toContain("serial 00005");
    expect(text).toContain("https://tokens.northwind.example/?import=job-1");
  });

  it("hides a button once it was used and shows who used it", () => {
    const history = [{ verb: cardVerbs.resetAttempts, text: "Failed attempts of u-1 reset", by: "Bruno Alvarez", at: "2026-01-01T00:20:00.000Z" }];
    const card = helpdeskCard({ event: events[0]!, history }, undefined, signer);
    const verbs = (card.actions as Array<{ verb?: string }>).map((action) => action.verb);

    expect(verbs).toEqual([cardVerbs.unassignToken]);
    expect(JSON.stringify(card.body)).toContain("Failed attempts of u-1 reset by Bruno Alvarez at 2026-01-01T00:20:00.000Z");
    expect(cardProblems(card)).toEqual([]);
  });

  it("schema check rejects an Execute action without a verb and string Submit data", () => {
    const card = {
      type: "AdaptiveCard",
      version: "1.4",
      body: [{ type: "Input.Text", id: "code", placeholder: "6-digit code", maxLength: 6 }],
      actions: [
        { type: "Action.Submit", title: "Activate", data: "activate" },
        { type: "Action.Execute", title: "Activate (universal)", data: { action: "activate", serial: "71230001" } },
      ],
    };

    expect(cardProblems(card).length).toBeGreaterThanOrEqual(2);
  });
});

describe("tabLink", () => {
  const publicUrl = "https://tokens.northwind.example";
  const claimed = (serialNumber: string): HelpdeskEvent => ({ kind: "tokenClaimed", userId: "u-1", serialNumber });
  const finished = (jobId: string): HelpdeskEvent => ({ ...(events[2] as Extract<HelpdeskEvent, { kind: "importFinished" }>), jobId });

  it.each([
    ["token event", publicUrl, claimed("71230001"), "https://tokens.northwind.example/?serial=71230001"],
    ["serial with leading zeros", publicUrl, claimed("00012345"), "https://tokens.northwind.example/?serial=00012345"],
    ["serial with reserved characters", publicUrl, claimed("A/B#1 ?&=+"), "https://tokens.northwind.example/?serial=A%2FB%231+%3F%26%3D%2B"],
    ["import event", publicUrl, finished("job_2026-01-01"), "https://tokens.northwind.example/?import=job_2026-01-01"],
    ["event without token or import", publicUrl, events[3]!, "https://tokens.northwind.example/"],
    ["PUBLIC_URL with trailing slash", `${publicUrl}/`, claimed("71230001"), "https://tokens.northwind.example/?serial=71230001"],
    ["PUBLIC_URL with a port", "http://127.0.0.1:3978", claimed("71230001"), "http://127.0.0.1:3978/?serial=71230001"],
    ["PUBLIC_URL with a path, query and fragment", `${publicUrl}/tab/?x=1#top`, claimed("71230001"), "https://tokens.northwind.example/?serial=71230001"],
  ])("%s", (_case, base, event, expected) => {
    expect(tabLink(base, event)).toBe(expected);
  });

  it.each([
    ["serial", claimed("A/B#1 ?&=+"), "A/B#1 ?&=+"],
    ["import", finished("job-1"), "job-1"],
  ])("round-trips the %s through URLSearchParams", (parameter, event, value) => {
    const url = new URL(tabLink(publicUrl, event));

    expect(url.pathname).toBe("/");
    expect(url.searchParams.get(parameter)).toBe(value);
    expect([...url.searchParams.keys()]).toEqual([parameter]);
  });
});
