import path from "node:path";
import { z } from "zod";
import { projectRoot } from "../../inventory/config.js";
import { startSandboxTenant } from "./index.js";

/**
 * Runs the sandbox tenant on its own: `npx tsx sandbox/tenant/main.ts`. DATA_DIR (default .data)
 * contains its state under `sandbox/`, SANDBOX_DIRECTORY names the users file and SANDBOX_PORT the
 * port (default 3443, 0 for a free one). Prints the URL and the file with the app registration.
 */
const environment = z
  .object({
    DATA_DIR: z.string().default(path.join(projectRoot, ".data")),
    SANDBOX_DIRECTORY: z.string().default(path.join(projectRoot, "samples", "directory.json")),
    SANDBOX_PORT: z.coerce.number().int().min(0).max(65535).default(3443),
  })
  .parse(process.env);

const dataDir = path.resolve(environment.DATA_DIR, "sandbox");
const tenant = await startSandboxTenant({
  dataDir,
  directoryPath: path.resolve(environment.SANDBOX_DIRECTORY),
  port: environment.SANDBOX_PORT,
});

process.stdout.write(
  [
    `Sandbox tenant listening on ${tenant.url}`,
    `  tenant id:  ${tenant.tenantId}`,
    `  client id:  ${tenant.clientId}`,
    `  client secret: in ${path.join(dataDir, "app.json")}`,
    `  trust its CA with NODE_EXTRA_CA_CERTS=${tenant.caCertificatePath}`,
    "",
  ].join("\n"),
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    void tenant.close().then(() => process.exit(0));
  });
}
