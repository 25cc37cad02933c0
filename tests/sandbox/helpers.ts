import os from "node:os";
import path from "node:path";
import { createHmac } from "node:crypto";
import { mkdirSync, mkdtempSync } from "node:fs";
import { ClientSecretCredential } from "@azure/identity";
import { projectRoot } from "../../inventory/config.js";
import { startSandboxTenant, type SandboxKnobsUpdate, type SandboxTenant } from "../../sandbox/tenant/index.js";

/** The sample directory: members, a guest with `#EXT#`, Dan O'Neil and a disabled account. */
export const sampleDirectoryPath = path.join(projectRoot, "samples", "directory.json");

/** Users of the sample directory that the tests rely on. */
export const sampleUsers = {
  ada: { id: "00000000-0000-4000-8000-000000000001", upn: "ada.alvarez@northwind.example" },
  bruno: { id: "00000000-0000-4000-8000-000000000002", upn: "bruno.alvarez@northwind.example" },
  guest: { id: "00000000-0000-4000-8000-000000000101", upn: "alex_fabrikam.example#EXT#@northwind.example" },
  oneil: { id: "00000000-0000-4000-8000-000000000102", upn: "dan.o'neil@northwind.example" },
  disabled: { id: "00000000-0000-4000-8000-000000000103", upn: "former.employee@northwind.example" },
};

/** A new empty folder for one tenant's state. */
export function newDataDir(): string {
  const root = process.env.TEST_SANDBOX_DATA_DIR ?? os.tmpdir();
  mkdirSync(root, { recursive: true });
  return mkdtempSync(path.join(root, "tenant-"));
}

/** Starts a tenant on a free port in a new folder (or in `dataDir` to reopen one). */
export function startTestTenant(options: { knobs?: SandboxKnobsUpdate; dataDir?: string } = {}): Promise<SandboxTenant> {
  return startSandboxTenant({ dataDir: options.dataDir ?? newDataDir(), directoryPath: sampleDirectoryPath, port: 0, knobs: options.knobs });
}

/** Gets an app-only Graph token with the real @azure/identity credential, as the product does. */
export async function appToken(tenant: SandboxTenant, clientSecret = tenant.clientSecret): Promise<string> {
  const credential = new ClientSecretCredential(tenant.tenantId, tenant.clientId, clientSecret, {
    authorityHost: tenant.url,
    disableInstanceDiscovery: true,
  });
  const token = await credential.getToken("https://graph.microsoft.com/.default");
  return token.token;
}

/** Response of a Graph call: status, headers and the parsed JSON body (undefined when empty). */
export interface GraphResult {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** Calls the tenant's Graph with plain fetch. `body` is sent as JSON unless it is a string. */
export async function graph(tenant: SandboxTenant, token: string | undefined, method: string, pathAndQuery: string, body?: unknown, headers: Record<string, string> = {}): Promise<GraphResult> {
  const url = pathAndQuery.startsWith("https://") ? pathAndQuery : `${tenant.url}${pathAndQuery}`;
  const response = await fetch(url, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === "" ? undefined : JSON.parse(text) };
}

export const inventoryPath = "/beta/directory/authenticationMethodDevices/hardwareOathDevices";

/** Path of a user's hardware OATH methods; the user id or UPN is percent-encoded. */
export function methodsPath(user: string): string {
  return `/beta/users/${encodeURIComponent(user)}/authentication/hardwareOathMethods`;
}

/** A valid create body with a 32-character Base32 seed; `overrides` change single fields. */
export function deviceBody(serialNumber: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    serialNumber,
    manufacturer: "Token2",
    model: "C202",
    secretKey: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    timeIntervalInSeconds: 30,
    hashFunction: "hmacsha1",
    ...overrides,
  };
}

/**
 * Computes an RFC 6238 TOTP code with 6 digits, written here apart from the sandbox's verifier
 * so that a shared bug cannot hide.
 */
export function totpCode(secretBase32: string, options: { period?: number; hash?: "sha1" | "sha256"; epochMs?: number } = {}): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const char of secretBase32.toUpperCase()) bits += alphabet.indexOf(char).toString(2).padStart(5, "0");
  const bytes: number[] = [];
  for (let index = 0; index + 8 <= bits.length; index += 8) bytes.push(parseInt(bits.slice(index, index + 8), 2));

  const counter = Math.floor((options.epochMs ?? Date.now()) / 1000 / (options.period ?? 30));
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac(options.hash ?? "sha1", Buffer.from(bytes)).update(message).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  return String((digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}
