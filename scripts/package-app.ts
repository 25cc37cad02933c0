/**
 * Builds the Teams app package: `npm run package -- --env dev` writes
 * appPackage/build/appPackage.dev.zip from appPackage/manifest.json, the icons and env/.env.dev.
 * Values in the process environment take precedence over the environment files.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { InventoryError } from "../inventory/errors.js";
import { buildAppPackage } from "./lib/app-package/build.js";

export { buildAppPackage, defaultProjectRoot } from "./lib/app-package/build.js";
export type { BuildAppPackageOptions, BuildAppPackageResult } from "./lib/app-package/build.js";
export { validateManifest } from "./lib/app-package/manifest-schema.js";
export { checkIcons, requiredIconSizes } from "./lib/app-package/icons.js";
export type { CheckResult } from "./lib/app-package/types.js";

const usage = "Usage: npm run package -- [--env <name>]   (name of an env/.env.<name> file; default: dev)";

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      env: { type: "string", default: "dev" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }

  const result = await buildAppPackage({ envName: values.env, values: process.env });
  console.log(`Wrote ${path.relative(process.cwd(), result.zipPath)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    // Expected failures carry a message that names the fix, so only other errors print their stack.
    console.error(error instanceof InventoryError ? error.message : error);
    process.exitCode = 1;
  });
}
