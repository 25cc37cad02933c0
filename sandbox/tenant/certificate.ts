import path from "node:path";
import { X509Certificate, createPrivateKey } from "node:crypto";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import { generate } from "selfsigned";

/** Files of the sandbox's local certificate authority and of the server certificate it signed. */
export interface SandboxCertificateFiles {
  /** PEM of the local CA. Node trusts it through `NODE_EXTRA_CA_CERTS=<this path>`. */
  caCertificatePath: string;
  /** PEM of the server certificate for 127.0.0.1 and localhost. */
  certificatePath: string;
  /** PEM of the server private key, mode 0600. */
  keyPath: string;
}

const VALIDITY_DAYS = 825;
/** Minimum remaining validity for reuse, so a long test run does not meet an expired certificate. */
const RENEW_BEFORE_MS = 7 * 24 * 3600 * 1000;

/**
 * Creates a local CA and a server certificate for 127.0.0.1 and localhost in `dir`, or reuses
 * the files already there while they are valid and match each other.
 */
export async function ensureSandboxCertificate(dir: string): Promise<SandboxCertificateFiles> {
  const files: SandboxCertificateFiles = {
    caCertificatePath: path.join(dir, "ca.crt"),
    certificatePath: path.join(dir, "server.crt"),
    keyPath: path.join(dir, "server.key"),
  };

  if (await isReusable(files)) return files;

  await mkdir(dir, { recursive: true });
  const notBeforeDate = new Date(Date.now() - 3600 * 1000);
  const notAfterDate = new Date(notBeforeDate.getTime() + VALIDITY_DAYS * 24 * 3600 * 1000);

  const ca = await generate([{ name: "commonName", value: "Token Inventory Sandbox CA" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });

  const server = await generate([{ name: "commonName", value: "localhost" }], {
    keySize: 2048,
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 7, ip: "127.0.0.1" },
          { type: 2, value: "localhost" },
        ],
      },
    ],
  });

  // The CA private key stays in memory and is dropped, because nothing signs with it after this call.
  await writeFile(files.keyPath, server.private, { mode: 0o600 });
  await chmod(files.keyPath, 0o600);
  await writeFile(files.certificatePath, server.cert, { mode: 0o644 });
  await writeFile(files.caCertificatePath, ca.cert, { mode: 0o644 });
  return files;
}

async function isReusable(files: SandboxCertificateFiles): Promise<boolean> {
  let caPem: string, certificatePem: string, keyPem: string;
  try {
    [caPem, certificatePem, keyPem] = await Promise.all([
      readFile(files.caCertificatePath, "utf8"),
      readFile(files.certificatePath, "utf8"),
      readFile(files.keyPath, "utf8"),
    ]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }

  try {
    const ca = new X509Certificate(caPem);
    const certificate = new X509Certificate(certificatePem);
    const expiresAt = Date.parse(certificate.validTo);
    return (
      certificate.verify(ca.publicKey) &&
      certificate.checkPrivateKey(createPrivateKey(keyPem)) &&
      certificate.checkIP("127.0.0.1") !== undefined &&
      expiresAt - Date.now() > RENEW_BEFORE_MS
    );
  } catch {
    // Unreadable or mismatched PEM files are replaced by fresh ones.
    return false;
  }
}

