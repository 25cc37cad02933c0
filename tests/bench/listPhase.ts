import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pLimit from "p-limit";
import { createSeedCipher } from "../../inventory/crypto/index.js";
import type { GraphGateway } from "../../inventory/graph/GraphGateway.js";
import { createTableStores } from "../../inventory/storage/index.js";
import { TableTokenService } from "../../inventory/tokens/TokenService.js";
import { startAzurite } from "../../sandbox/azurite.js";

/**
 * Benchmark phase in its own process: stores <count> tokens in Azurite, then times pages of the
 * token list as the tab asks for them (50 per page, sorted by user, then filtered by serial). The
 * first page reads the whole table; later pages within three seconds use the snapshot.
 */
const count = Number(process.argv[2] ?? 10_000);
const workDir = mkdtempSync(path.join(os.tmpdir(), "token-list-"));
const azurite = await startAzurite({ dataDir: workDir, tablePort: 0, inMemory: true });

try {
  const stores = await createTableStores({ connectionString: azurite.connectionString });
  const now = new Date().toISOString();
  const limit = pLimit(32);
  await Promise.all(
    Array.from({ length: count }, (_, index) =>
      limit(() =>
        stores.tokens.create({
          serialNumber: String(5_500_000_000_000 + index),
          manufacturer: "Token2",
          model: "C202",
          hashFunction: "hmacsha1",
          timeIntervalInSeconds: 30,
          status: index % 3 === 0 ? "available" : "activated",
          assignedUpn: index % 3 === 0 ? undefined : `user${index % 40}@northwind.example`,
          createdAt: now,
          updatedAt: now,
        }),
      ),
    ),
  );

  // Listing never calls Graph; a gateway that fails loudly proves it.
  const noGraph = new Proxy({}, { get: () => () => Promise.reject(new Error("no Graph in the list benchmark")) }) as GraphGateway;
  const tokens = new TableTokenService({ graph: noGraph, stores, cipher: createSeedCipher(randomBytes(32)) });

  const timed = async (query: Parameters<TableTokenService["list"]>[0]) => {
    const started = performance.now();
    const page = await tokens.list(query);
    return { ms: performance.now() - started, total: page.total };
  };
  const first = await timed({ page: 1, pageSize: 50, sort: "user" });
  const next = await timed({ page: 2, pageSize: 50, sort: "user" });
  const filtered = await timed({ page: 1, pageSize: 50, serial: "55000000012" });

  process.stdout.write(JSON.stringify({ count, firstPageMs: first.ms, nextPageMs: next.ms, filteredMs: filtered.ms, total: first.total }) + "\n");
} finally {
  await azurite.close();
  rmSync(workDir, { recursive: true, force: true });
}
