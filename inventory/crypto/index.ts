/** Encryption of seeds at rest. */
export { createSeedCipher, SeedCipherError, type SeedCipher } from "./seedCipher.js";
export { loadOrCreateSecretKey, secretKeyFileName, type LoadSecretKeyOptions } from "./secretKey.js";
