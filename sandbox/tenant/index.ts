import path from "node:path";
import https from "node:https";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { createLogger } from "../../inventory/logger.js";
import { addClientCertificate, loadOrCreateAppRegistration } from "./appRegistration.js";
import { ensureSandboxCertificate } from "./certificate.js";
import type { TenantContext } from "./context.js";
import { toSnapshot, type SandboxDeviceSnapshot } from "./deviceShape.js";
import { loadDirectory } from "./directory.js";
import { loadOrCreateSigningKey } from "./keys.js";
import { applyKnobsUpdate, defaultKnobs, type SandboxKnobs, type SandboxKnobsUpdate } from "./knobs.js";
import { createRouter } from "./router.js";
import { issueSignInToken, type SignInRequest } from "./signin.js";
import { DeviceStore } from "./state.js";
import { StatsCounter, type SandboxStats } from "./stats.js";

export type { SandboxKnobs, SandboxKnobsUpdate } from "./knobs.js";
export type { SandboxStats } from "./stats.js";
export type { SandboxDeviceSnapshot } from "./deviceShape.js";
export type { SignInRequest } from "./signin.js";
export { addClientCertificate } from "./appRegistration.js";
export { ensureSandboxCertificate } from "./certificate.js";
export { defaultGrantedRoles } from "./knobs.js";

/** Options of `startSandboxTenant`. */
export interface SandboxTenantOptions {
  /** Folder for state.json, app.json, the signing key and the TLS certificate; created if missing. */
  dataDir: string;
  /** Users JSON shaped like samples/directory.json, with optional `appRoles` per user. */
  directoryPath: string;
  /** HTTPS port on 127.0.0.1. @default 0, a free port */
  port?: number;
  /** Knob values that differ from the defaults; nested objects may be partial. */
  knobs?: SandboxKnobsUpdate;
  /**
   * Folder of the CA and server certificate. By default it is the folder of the CA file that
   * NODE_EXTRA_CA_CERTS names, when a sandbox server certificate lies beside it, and `dataDir`
   * otherwise. So a tenant in a fresh `dataDir` serves a certificate that this process trusts.
   */
  certificateDir?: string;
}

/** A running sandbox tenant: Entra token endpoint and Microsoft Graph on one HTTPS origin. */
export interface SandboxTenant {
  /** `https://127.0.0.1:PORT`: the authority host and the Graph base URL. */
  url: string;
  tenantId: string;
  clientId: string;
  /** A secret: never log it. */
  clientSecret: string;
  /** The local CA; Node trusts it through `NODE_EXTRA_CA_CERTS`. */
  caCertificatePath: string;
  /** Live knobs: changes apply to the next request. */
  knobs: SandboxKnobs;
  stats(): SandboxStats;
  resetStats(): void;
  /** Devices in creation order, without seeds. */
  devices(): SandboxDeviceSnapshot[];
  /** Issues a user sign-in token, as `POST /_sandbox/signin` does. */
  signIn(request: SignInRequest): Promise<{ accessToken: string }>;
  /** Registers a PEM client certificate for client assertions. */
  addClientCertificate(certificatePem: string): Promise<void>;
  /** Stops the server and writes pending state. */
  close(): Promise<void>;
}

/** Folder of the sandbox CA that this process trusts through NODE_EXTRA_CA_CERTS, if any. */
function trustedCertificateDir(): string | undefined {
  const trusted = process.env.NODE_EXTRA_CA_CERTS;
  if (!trusted) return undefined;
  const dir = path.dirname(path.resolve(trusted));
  const hasServerCertificate = existsSync(path.join(dir, "server.crt")) && existsSync(path.join(dir, "server.key"));
  return hasServerCertificate ? dir : undefined;
}

/**
 * Starts the sandbox tenant on 127.0.0.1 over HTTPS with a certificate from the local CA in
 * `dataDir`. State from an earlier run in the same `dataDir` is loaded.
 */
export async function startSandboxTenant(options: SandboxTenantOptions): Promise<SandboxTenant> {
  const { dataDir } = options;
  const certificate = await ensureSandboxCertificate(options.certificateDir ?? trustedCertificateDir() ?? dataDir);
  const [app, signingKey, directory, devices, cert, key] = await Promise.all([
    loadOrCreateAppRegistration(dataDir),
    loadOrCreateSigningKey(dataDir),
    loadDirectory(options.directoryPath),
    DeviceStore.open(dataDir),
    readFile(certificate.certificatePath),
    readFile(certificate.keyPath),
  ]);
  const knobs = applyKnobsUpdate(defaultKnobs(), options.knobs ?? {});
  const logger = createLogger("sandbox-tenant");
  const stats = new StatsCounter();

  const context: TenantContext = { url: "", dataDir, app, signingKey, knobs, directory, devices };
  const server = https.createServer({ cert, key }, createRouter({ context, stats, logger }));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  context.url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  logger.info({ url: context.url, tenantId: app.tenantId, users: directory.users.length, devices: devices.all().length }, "sandbox tenant started");

  let closing: Promise<void> | undefined;
  return {
    url: context.url,
    tenantId: app.tenantId,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    caCertificatePath: path.resolve(certificate.caCertificatePath),
    knobs,
    stats: () => stats.snapshot(),
    resetStats: () => stats.reset(),
    devices: () => devices.all().map((device) => toSnapshot(context, device)),
    signIn: (request) => issueSignInToken(context, request),
    addClientCertificate: (certificatePem) => addClientCertificate(dataDir, certificatePem),
    close: () => {
      closing ??= (async () => {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await devices.flush();
        logger.info({ url: context.url }, "sandbox tenant stopped");
      })();
      return closing;
    },
  };
}
