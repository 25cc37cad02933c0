import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSeedCipher, SeedCipherError } from "../../../inventory/crypto/seedCipher.js";
import { loadOrCreateSecretKey, secretKeyFileName } from "../../../inventory/crypto/secretKey.js";
import { ConfigurationError } from "../../../inventory/errors.js";

const seed = "ZFSMVFDP7DIHT6P4YKDF46JVMW4FEBUP";

function errorOf(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error("expected the action to throw");
}

describe("createSeedCipher", () => {
  const cipher = createSeedCipher(randomBytes(32));

  it("round-trips a seed", () => {
    expect(cipher.decrypt(cipher.encrypt(seed))).toBe(seed);
  });

  it("seals in the v1 format without the seed inside", () => {
    const sealed = cipher.encrypt(seed);

    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain(seed);
    expect(sealed.toLowerCase()).not.toContain(seed.toLowerCase());
    expect(Buffer.from(sealed.slice(3), "base64url").includes(Buffer.from(seed))).toBe(false);
    // 12-byte IV + 16-byte tag + ciphertext as long as the seed.
    expect(Buffer.from(sealed.slice(3), "base64url")).toHaveLength(12 + 16 + seed.length);
  });

  it("uses a fresh IV for each value", () => {
    expect(cipher.encrypt(seed)).not.toBe(cipher.encrypt(seed));
  });

  it("detects a changed byte anywhere", () => {
    const bytes = Buffer.from(cipher.encrypt(seed).slice(3), "base64url");
    for (const index of [0, 11, 12, 27, 28, bytes.length - 1]) {
      const altered = Buffer.from(bytes);
      altered[index]! ^= 0x01;

      const error = errorOf(() => cipher.decrypt(`v1.${altered.toString("base64url")}`));
      expect(error).toBeInstanceOf(SeedCipherError);
      expect((error as SeedCipherError).code).toBe("seedDecryptionFailed");
    }
  });

  it("rejects a wrong key without revealing the seed", () => {
    const sealed = cipher.encrypt(seed);
    const error = errorOf(() => createSeedCipher(randomBytes(32)).decrypt(sealed));

    expect(error).toBeInstanceOf(SeedCipherError);
    expect((error as SeedCipherError).code).toBe("seedDecryptionFailed");
    expect((error as Error).message).not.toContain(seed);
    expect((error as Error).message).not.toContain(sealed);
  });

  it.each([["plain seed", seed], ["wrong version", "v2.AAAA"], ["too short", "v1.AAAA"], ["not base64url", "v1.a+b/"]])(
    "rejects a %s as not sealed",
    (_case, value) => {
      const error = errorOf(() => cipher.decrypt(value));
      expect((error as SeedCipherError).code).toBe("invalidSealedSeed");
      expect((error as Error).message).not.toContain(seed);
    },
  );

  it("rejects a key that is not 32 bytes", () => {
    expect((errorOf(() => createSeedCipher(randomBytes(16))) as SeedCipherError).code).toBe("invalidSecretKey");
  });
});

describe("loadOrCreateSecretKey", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "secret-key-"));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it("uses a configured key", () => {
    const key = randomBytes(32);
    expect(loadOrCreateSecretKey({ configuredKey: key.toString("base64"), dataDir, sandbox: false })).toEqual(key);
  });

  it.each([
    ["16 bytes", randomBytes(16).toString("base64")],
    ["33 bytes", randomBytes(33).toString("base64")],
    ["not base64", "this is not base64 at all!!"],
  ])("rejects a configured key of %s", (_case, configuredKey) => {
    const error = errorOf(() => loadOrCreateSecretKey({ configuredKey, dataDir, sandbox: true }));

    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).code).toBe("invalidTokenSecretKey");
    expect((error as Error).message).toContain("TOKEN_SECRET_KEY");
    expect((error as Error).message).not.toContain(configuredKey);
  });

  it("requires a key outside sandbox mode", () => {
    const error = errorOf(() => loadOrCreateSecretKey({ dataDir, sandbox: false }));

    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).code).toBe("missingTokenSecretKey");
    expect((error as Error).message).toContain("TOKEN_SECRET_KEY");
  });

  it("generates a key file once in sandbox mode and reuses it", () => {
    const first = loadOrCreateSecretKey({ dataDir, sandbox: true });
    const second = loadOrCreateSecretKey({ dataDir, sandbox: true });
    const file = path.join(dataDir, secretKeyFileName);

    expect(first).toHaveLength(32);
    expect(second).toEqual(first);
    expect(Buffer.from(readFileSync(file, "utf8").trim(), "base64")).toEqual(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("decrypts after a restart with the generated key", () => {
    const sealed = createSeedCipher(loadOrCreateSecretKey({ dataDir, sandbox: true })).encrypt(seed);
    const reopened = createSeedCipher(loadOrCreateSecretKey({ dataDir, sandbox: true }));
    expect(reopened.decrypt(sealed)).toBe(seed);
  });

  it("rejects a damaged key file without printing it", () => {
    const file = path.join(dataDir, secretKeyFileName);
    writeFileSync(file, "c2hvcnQ=\n");
    chmodSync(file, 0o600);

    const error = errorOf(() => loadOrCreateSecretKey({ dataDir, sandbox: true }));
    expect((error as ConfigurationError).code).toBe("invalidTokenSecretKey");
    expect((error as Error).message).not.toContain("c2hvcnQ=");
  });
});
