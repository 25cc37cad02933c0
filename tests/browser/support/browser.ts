import { mkdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { projectRoot } from "../../../inventory/config.js";

/** Debian's chromium; install it with `apt-get install -y chromium`. */
export const chromiumPath = "/usr/bin/chromium";

/** Folder of the screenshots that browser tests keep (git-ignored). */
export const artifactsDir = path.join(projectRoot, "test-artifacts", "browser");

const launchArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A headless chromium with a fresh profile whose requests may reach 127.0.0.1 only. */
export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Requests that were aborted because they left 127.0.0.1. */
  blocked: string[];
  screenshot(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Launches chromium with a fresh --user-data-dir and aborts every request to another host. */
export async function launchBrowser(): Promise<TestBrowser> {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), "tab-browser-"));
  mkdirSync(artifactsDir, { recursive: true });

  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: launchArgs,
    acceptDownloads: true,
    viewport: { width: 1400, height: 900 },
  });

  const blocked: string[] = [];
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    const local = url.hostname === "127.0.0.1" || url.protocol === "blob:" || url.protocol === "data:";
    if (local) return route.continue();
    blocked.push(url.href);
    return route.abort("blockedbyclient");
  });

  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    blocked,
    screenshot: async (name) => {
      await page.screenshot({ path: path.join(artifactsDir, `${name}.png`), fullPage: true });
    },
    close: async () => {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
