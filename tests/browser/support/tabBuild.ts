import { existsSync, readdirSync, statSync } from "node:fs";
import { open, rm } from "node:fs/promises";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { build } from "vite";
import { projectRoot } from "../../../inventory/config.js";

const builtIndex = path.join(projectRoot, "dist", "tab", "index.html");
/** Sources of the tab bundle: the app, the API schemas and types it imports, and the Vite config. */
const sourceRoots = [path.join(projectRoot, "tab"), path.join(projectRoot, "inventory"), path.join(projectRoot, "vite.config.ts")];
/** Held while one test file builds, so parallel test files never build into dist/tab at once. */
const lockPath = path.join(projectRoot, "dist", ".tab-build.lock");
const lockWaitMs = 120_000;

function newestModification(entry: string): number {
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestModification(path.join(entry, child)));
  return newest;
}

function isBuildCurrent(): boolean {
  if (!existsSync(builtIndex)) return false;
  const built = statSync(builtIndex).mtimeMs;
  return sourceRoots.every((root) => newestModification(root) <= built);
}

async function acquireLock(): Promise<() => Promise<void>> {
  const deadline = Date.now() + lockWaitMs;
  for (;;) {
    try {
      await (await open(lockPath, "wx")).close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (Date.now() > deadline) throw new Error(`${lockPath} has existed for ${lockWaitMs / 1000} s. Delete it if no tab build is running.`);
      await sleep(500);
    }
  }
}

/**
 * Builds the tab into dist/tab when the build is missing or older than a source file (`npm test`
 * builds first, so there it is current). Test files that run in parallel take turns.
 */
export async function ensureTabBuilt(): Promise<void> {
  if (isBuildCurrent()) return;

  const release = await acquireLock();
  try {
    if (!isBuildCurrent()) await build({ configFile: path.join(projectRoot, "vite.config.ts"), logLevel: "warn" });
  } finally {
    await release();
  }
}
