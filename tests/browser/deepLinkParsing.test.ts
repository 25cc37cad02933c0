import { describe, expect, it } from "vitest";
import { jobIdSchema, serialNumberSchema } from "../../tab/api/routes/schemas.js";
import { linkJobIdSchema, linkSerialNumberSchema, parseDeepLink, type DeepLink } from "../../tab/app/links/deepLink.js";

function messageOf(link: DeepLink): string {
  if (link.kind !== "invalid") throw new Error(`Expected an invalid link, got ${JSON.stringify(link)}.`);
  return link.message;
}

describe("parseDeepLink", () => {
  it.each<[string, string, string | undefined, DeepLink]>([
    ["no link", "", undefined, { kind: "none" }],
    ["serial query", "?serial=1100000004256", undefined, { kind: "serial", serialNumber: "1100000004256" }],
    ["serial with leading zeros", "?serial=00012345", undefined, { kind: "serial", serialNumber: "00012345" }],
    ["encoded serial", "?serial=A%2FB%231+%3F%26", undefined, { kind: "serial", serialNumber: "A/B#1 ?&" }],
    ["import query", "?import=0c2be9ef-754c-4960-8c61-b6c088d3de98", undefined, { kind: "import", jobId: "0c2be9ef-754c-4960-8c61-b6c088d3de98" }],
    ["Teams serial subEntityId", "", "serial:1100000004256", { kind: "serial", serialNumber: "1100000004256" }],
    ["Teams import subEntityId", "", "import:job-1", { kind: "import", jobId: "job-1" }],
    ["query wins over subEntityId", "?serial=1", "import:job-1", { kind: "serial", serialNumber: "1" }],
    ["unrelated subEntityId", "", "settings", { kind: "none" }],
    ["unrelated query", "?theme=dark", undefined, { kind: "none" }],
  ])("%s", (_case, search, subPageId, expected) => {
    expect(parseDeepLink(search, subPageId)).toEqual(expected);
  });

  it.each([
    ["both parameters", "?serial=1&import=job-1", undefined, "both serial and import"],
    ["empty serial", "?serial=", undefined, "a serial number is required"],
    ["serial with a control character", "?serial=11%0100", undefined, "cannot contain control characters"],
    ["serial over 128 characters", `?serial=${"1".repeat(129)}`, undefined, "at most 128 characters"],
    ["job id with a slash", "?import=..%2Fetc", undefined, 'The import job id "../etc" in the link is invalid'],
    ["empty Teams import", "", "import:", "1 to 64 letters"],
  ])("rejects %s", (_case, search, subPageId, fragment) => {
    const link = parseDeepLink(search, subPageId);

    expect(link.kind).toBe("invalid");
    expect(messageOf(link)).toContain(fragment);
  });

  it("shortens a long invalid value in the message", () => {
    const link = parseDeepLink(`?import=${"x".repeat(500)}`);

    expect(messageOf(link).length).toBeLessThan(300);
    expect(messageOf(link)).toContain(`"${"x".repeat(80)}…"`);
  });
});

describe("link schemas", () => {
  const values = ["1100000004256", "00012345", "  71230001  ", "A/B#1 ?&", "", " ", "11\u000100", "x\u009f", "1".repeat(128), "1".repeat(129), "job-1", "job_1", "../etc", "a".repeat(64), "a".repeat(65), "ümlaut"];

  it.each(values.map((value) => [JSON.stringify(value), value]))("serial %s is judged as the API judges it", (_label, value) => {
    const api = serialNumberSchema.safeParse(value);
    const link = linkSerialNumberSchema.safeParse(value);

    expect(link.success).toBe(api.success);
    expect(link.data).toBe(api.data);
    expect(link.error?.issues[0]?.message).toBe(api.error?.issues[0]?.message);
  });

  it.each(values.map((value) => [JSON.stringify(value), value]))("job id %s is judged as the API judges it", (_label, value) => {
    const api = jobIdSchema.safeParse(value);
    const link = linkJobIdSchema.safeParse(value);

    expect(link.success).toBe(api.success);
    expect(link.data).toBe(api.data);
  });
});
