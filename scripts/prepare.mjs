// npm runs this after `npm install` and `npm ci` in this folder: it builds the admin tab, so that
// `npm start` serves it right away. An install without dev dependencies has no Vite and skips it.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const vite = path.join(root, "node_modules", "vite", "bin", "vite.js");

if (!existsSync(vite)) {
  console.log("prepare: Vite is not installed (dev dependencies omitted); the admin tab is not built.");
} else {
  const result = spawnSync(process.execPath, [vite, "build", "--logLevel", "warn"], { cwd: root, stdio: "inherit" });
  process.exitCode = result.status ?? 1;
}
