import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTabStack, users, type TabStack } from "./support/tabStack.js";

let stack: TabStack;
let token: string;

beforeAll(async () => {
  stack = await startTabStack();
  token = await stack.signIn(users.ada.upn);
});

afterAll(async () => {
  await stack?.stop();
});

describe("tab API input validation", () => {
  it.each([
    { path: "/api/tokens?pageSize=1000", field: "pageSize" },
    { path: "/api/tokens?pageSize=ten", field: "pageSize" },
    { path: "/api/tokens?page=0", field: "page" },
    { path: "/api/tokens?status=lost", field: "status" },
    { path: "/api/tokens?sort=seed", field: "sort" },
    { path: "/api/tokens?descending=maybe", field: "descending" },
    { path: "/api/users?search=" + "a".repeat(101), field: "search" },
    { path: "/api/audit?from=yesterday", field: "from" },
    { path: "/api/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", field: "from" },
    { path: "/api/audit?pageSize=501", field: "pageSize" },
    { path: "/api/imports/job%20one", field: "jobId" },
  ])("returns 400 naming $field for $path", async ({ path, field }) => {
    const result = await stack.request("GET", path, { token });

    expect(result.status).toBe(400);
    expect(result.json.code).toBe("invalidRequest");
    expect(result.json.message).toContain(field);
  });

  it.each([
    { name: "a numeric code", body: { code: 17470 } },
    { name: "five digits", body: { code: "12345" } },
    { name: "seven digits", body: { code: "0123456" } },
    { name: "letters", body: { code: "12a456" } },
    { name: "an empty body", body: {} },
    { name: "both a code and generate", body: { code: "017470", generate: true } },
    { name: "generate false", body: { generate: false } },
  ])("rejects activation with $name", async ({ body }) => {
    const result = await stack.request("POST", "/api/tokens/1100000004256/activate", { token, json: body });

    expect(result.status).toBe(400);
    expect(result.json.code).toBe("invalidRequest");
  });

  it("keeps a code with a leading zero as a string past validation", async () => {
    const result = await stack.request("POST", "/api/tokens/1100000004256/activate", { token, json: { code: "017470" } });

    // The schema accepts the string, so the request reaches the service, which returns 404 for this unknown serial.
    expect(result.status).toBe(404);
  });

  it("rejects an assignment without a user", async () => {
    const result = await stack.request("POST", "/api/tokens/1100000004256/assign", { token, json: {} });

    expect(result.status).toBe(400);
    expect(result.json.message).toContain("user");
  });

  it("rejects a body that is not JSON", async () => {
    const result = await stack.request("POST", "/api/tokens/1100000004256/assign", {
      token,
      body: "{user:",
      headers: { "content-type": "application/json" },
    });

    expect(result.status).toBe(400);
    expect(result.json.code).toBe("invalidJson");
  });

  it("rejects a JSON route body sent as text", async () => {
    const result = await stack.request("POST", "/api/tokens/1100000004256/assign", {
      token,
      body: "user=ada",
      headers: { "content-type": "text/plain" },
    });

    expect(result.status).toBe(415);
  });
});

describe("seed file upload limits", () => {
  const csvHeader = "upn,serial number,secret key,time interval,manufacturer,model\r\n";

  it("requires a file name", async () => {
    const result = await stack.request("POST", "/api/imports", { token, body: csvHeader, headers: { "content-type": "text/csv" } });

    expect(result.status).toBe(400);
    expect(result.json.message).toContain("file name");
  });

  it("rejects a file name with another extension", async () => {
    const result = await stack.request("POST", "/api/imports?fileName=seeds.exe", { token, body: csvHeader, headers: { "content-type": "text/csv" } });

    expect(result.status).toBe(400);
  });

  it("rejects an empty file", async () => {
    const result = await stack.request("POST", "/api/imports?fileName=seeds.csv", { token, body: "", headers: { "content-type": "text/csv" } });

    expect(result.status).toBe(400);
    expect(result.json.code).toBe("emptyFile");
  });

  it("rejects a multipart form", async () => {
    const form = new FormData();
    form.append("file", new Blob([csvHeader], { type: "text/csv" }), "seeds.csv");

    const result = await stack.request("POST", "/api/imports?fileName=seeds.csv", { token, body: form });

    expect(result.status).toBe(415);
  });

  it("rejects a file over 5 MB with 413", async () => {
    const body = csvHeader + "x".repeat(5 * 1024 * 1024);

    const result = await stack.request("POST", "/api/imports?fileName=big.csv", { token, body, headers: { "content-type": "text/csv" } });

    expect(result.status).toBe(413);
    expect(result.json.code).toBe("payloadTooLarge");
  });

  it("rejects an unknown import mode", async () => {
    const result = await stack.request("POST", "/api/imports?fileName=seeds.csv&mode=everything", { token, body: csvHeader, headers: { "content-type": "text/csv" } });

    expect(result.status).toBe(400);
    expect(result.json.message).toContain("mode");
  });
});
