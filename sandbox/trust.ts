import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureSandboxCertificate } from "./tenant/certificate.js";

/** Folder of the sandbox tenant's files inside DATA_DIR. */
export function sandboxDataDir(dataDir: string): string {
  return path.join(dataDir, "sandbox");
}

/**
 * Makes this process trust the sandbox tenant's certificate, the way Node trusts any private CA:
 * through NODE_EXTRA_CA_CERTS, which Node reads only at start. When the variable does not point at
 * the sandbox CA yet, the current command is started again as a child with it set, and this
 * function resolves with the child's exit code; the caller then exits with it. Resolves with
 * `undefined` when the process already trusts the sandbox and should go on.
 *
 * A CA file that the user already set in NODE_EXTRA_CA_CERTS (a corporate proxy, say) is kept:
 * both go into one bundle under DATA_DIR.
 */
export async function relaunchTrustingSandbox(dataDir: string): Promise<number | undefined> {
  const certificate = await ensureSandboxCertificate(sandboxDataDir(dataDir));
  const current = process.env.NODE_EXTRA_CA_CERTS;
  const bundlePath = path.join(sandboxDataDir(dataDir), "ca-bundle.pem");
  if (current === certificate.caCertificatePath || current === bundlePath) return undefined;

  let trustPath = certificate.caCertificatePath;
  if (current && existsSync(current)) {
    writeFileSync(bundlePath, readFileSync(current, "utf8") + "\n" + readFileSync(certificate.caCertificatePath, "utf8"));
    trustPath = bundlePath;
  }

  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, NODE_EXTRA_CA_CERTS: trustPath },
  });
  // The child gets Ctrl-C from the terminal itself; forward signals sent to this process alone.
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on("SIGINT", () => undefined);
  process.on("SIGTERM", forward("SIGTERM"));

  return new Promise((resolve) => {
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 130 : 1)));
  });
}
