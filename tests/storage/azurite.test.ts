import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { TableClient } from "@azure/data-tables";
import { afterAll, describe, expect, it } from "vitest";
import { startAzurite } from "../../sandbox/azurite.js";

const dataDir = mkdtempSync(path.join(tmpdir(), "azurite-launcher-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("startAzurite", () => {
  it("keeps tables on disk across restarts and stops by pid", async () => {
    const first = await startAzurite({ dataDir, tablePort: 0 });
    expect(first.connectionString).toContain(`TableEndpoint=http://127.0.0.1:${first.tablePort}/devstoreaccount1`);
    const client = TableClient.fromConnectionString(first.connectionString, "launcher", { allowInsecureConnection: true });
    await client.createTable();
    await client.createEntity({ partitionKey: "p", rowKey: "r", value: "kept" });
    await first.close();
    expect(isRunning(first.pid)).toBe(false);

    const second = await startAzurite({ dataDir, tablePort: 0 });
    try {
      const reopened = TableClient.fromConnectionString(second.connectionString, "launcher", { allowInsecureConnection: true });
      expect((await reopened.getEntity("p", "r")).value).toBe("kept");
    } finally {
      await second.close();
    }
  });

  it("writes the child's output to a log file in the data folder", () => {
    expect(readFileSync(path.join(dataDir, "azurite-table.log"), "utf8")).toContain("successfully started on 127.0.0.1");
  });

  it("closes twice without error", async () => {
    const azurite = await startAzurite({ dataDir: path.join(dataDir, "memory"), tablePort: 0, inMemory: true });
    await azurite.close();
    await expect(azurite.close()).resolves.toBeUndefined();
  });
});
