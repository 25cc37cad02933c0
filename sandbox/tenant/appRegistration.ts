import path from "node:path";
import { randomBytes, randomUUID, X509Certificate } from "node:crypto";
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { writeFileAtomic } from "./files.js";

/** A client certificate whose public key may sign client assertions for the app. */
export interface RegisteredCertificate {
  certificate: X509Certificate;
  /** SHA-1 thumbprint in base64url, as in a client assertion's `x5t` header. */
  x5t: string;
  /** SHA-256 thumbprint in base64url, as in a client assertion's `x5t#S256` header. */
  x5tS256: string;
}

/** The product's app registration in the sandbox tenant, stored in `dataDir/app.json`. */
export interface AppRegistration {
  tenantId: string;
  clientId: string;
  /** A secret: never log it. */
  clientSecret: string;
  /** Object id of the app's service principal: the `oid` and `sub` of app tokens. */
  servicePrincipalId: string;
  displayName: string;
  /** PEM certificates registered as client credentials. */
  certificates: string[];
}

const appFileSchema = z.object({
  tenantId: z.string().uuid(),
  clientId: z.string().uuid(),
  clientSecret: z.string().min(16),
  servicePrincipalId: z.string().uuid(),
  displayName: z.string().default("Token Inventory (sandbox)"),
  certificates: z.array(z.string()).default([]),
});

function appFilePath(dataDir: string): string {
  return path.join(dataDir, "app.json");
}

/**
 * Reads `dataDir/app.json`, or creates it with a new tenant id, client id and client secret.
 * @throws Error naming the file when it exists but does not parse.
 */
export async function loadOrCreateAppRegistration(dataDir: string): Promise<AppRegistration> {
  const filePath = appFilePath(dataDir);
  let text: string;
  try {
    text = await readFile(filePath, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    const created: AppRegistration = {
      tenantId: randomUUID(),
      clientId: randomUUID(),
      clientSecret: `sbx~${randomBytes(30).toString("base64url")}`,
      servicePrincipalId: randomUUID(),
      displayName: "Token Inventory (sandbox)",
      certificates: [],
    };
    await writeFileAtomic(filePath, JSON.stringify(created, null, 2));
    return created;
  }

  const parsed = appFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    throw new Error(`The sandbox app registration ${filePath} is invalid (${parsed.error.issues[0]?.message}). Fix or delete the file.`);
  }
  return parsed.data;
}

/**
 * Registers a client certificate (PEM) for the app in `dataDir/app.json`, so the token endpoint
 * accepts client assertions signed with its private key. Registering it twice has no effect.
 */
export async function addClientCertificate(dataDir: string, certificatePem: string): Promise<void> {
  const registration = await loadOrCreateAppRegistration(dataDir);
  const fingerprint = new X509Certificate(certificatePem).fingerprint256;
  const known = registration.certificates.some((pem) => new X509Certificate(pem).fingerprint256 === fingerprint);
  if (known) return;

  registration.certificates.push(certificatePem.trim());
  await writeFileAtomic(appFilePath(dataDir), JSON.stringify(registration, null, 2));
}

/** Reads the certificates now registered in `dataDir/app.json`, with their thumbprints. */
export async function readClientCertificates(dataDir: string): Promise<RegisteredCertificate[]> {
  const registration = await loadOrCreateAppRegistration(dataDir);
  return registration.certificates.map((pem) => {
    const certificate = new X509Certificate(pem);
    return {
      certificate,
      x5t: thumbprintToBase64Url(certificate.fingerprint),
      x5tS256: thumbprintToBase64Url(certificate.fingerprint256),
    };
  });
}

function thumbprintToBase64Url(fingerprint: string): string {
  return Buffer.from(fingerprint.replaceAll(":", ""), "hex").toString("base64url");
}
