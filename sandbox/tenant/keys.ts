import path from "node:path";
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import { calculateJwkThumbprint, exportJWK, type JWK } from "jose";
import { writeFileAtomic } from "./files.js";

/** The RSA key that signs every token the sandbox issues, with its public JSON Web Key Set. */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Key id: the RFC 7638 thumbprint of the public key, also the `kid` header of issued tokens. */
  kid: string;
  /** Document served at `/{tenant}/discovery/v2.0/keys`. */
  jwks: { keys: JWK[] };
}

/**
 * Loads the signing key from `dataDir/signing-key.pem`, or creates it there (mode 0600), so that
 * tokens issued before a restart still verify after it.
 */
export async function loadOrCreateSigningKey(dataDir: string): Promise<SigningKey> {
  const keyPath = path.join(dataDir, "signing-key.pem");
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(await readFile(keyPath, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    await writeFileAtomic(keyPath, privateKey.export({ type: "pkcs8", format: "pem" }).toString());
  }

  const publicKey = createPublicKey(privateKey);
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return {
    privateKey,
    publicKey,
    kid,
    jwks: { keys: [{ ...jwk, kid, use: "sig", alg: "RS256" }] },
  };
}
