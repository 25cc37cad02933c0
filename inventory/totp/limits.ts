import { createGuardrails } from "otplib";

/** Entra ID rejects seeds shorter than 10 bytes (16 Base32 characters). */
export const MIN_SECRET_BYTES = 10;

/** Graph accepts a `secretKey` of at most 128 Base32 characters. */
export const MAX_SECRET_BASE32_LENGTH = 128;

/** 128 Base32 characters carry 80 bytes. */
export const MAX_SECRET_BYTES = (MAX_SECRET_BASE32_LENGTH * 5) / 8;

/**
 * Largest verification window, in time steps on each side. Two days of 30-second steps covers
 * the drift that Entra ID tolerates at activation (about one day for 30 s tokens, two days for
 * 60 s tokens).
 */
export const MAX_VERIFY_WINDOW = 5760;

/**
 * otplib 13 limits. Its defaults reject seeds under 16 bytes and over 64 bytes and windows over
 * 99 steps in total, which is stricter than Entra ID; these limits follow Entra ID instead.
 */
export const otpGuardrails = createGuardrails({
  MIN_SECRET_BYTES,
  MAX_SECRET_BYTES,
  MAX_WINDOW: 2 * MAX_VERIFY_WINDOW + 1,
});
