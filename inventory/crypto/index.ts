/** Encryption of seeds at rest, and signatures derived from the same key. */
export { createSeedCipher, SeedCipherError, type SeedCipher } from "./seedCipher.js";
export { loadOrCreateSecretKey, secretKeyFileName, type LoadSecretKeyOptions } from "./secretKey.js";
export { createSigner, type Signer } from "./signer.js";
