import { generateSync, verifySync, type HashAlgorithm } from "otplib";
import { InventoryError } from "../errors.js";
import type { HashFunction } from "../types.js";
import { MAX_VERIFY_WINDOW, otpGuardrails } from "./limits.js";
import { normalizeSecret } from "./secret.js";

/** Entra ID accepts only 6-digit hardware tokens. */
const CODE_DIGITS = 6;

const otplibAlgorithms: Record<HashFunction, HashAlgorithm> = {
  hmacsha1: "sha1",
  hmacsha256: "sha256",
};

/** Token parameters that determine its code sequence. */
export interface TokenParams {
  /** Base32 seed as stored (canonical or any form that {@link normalizeSecret} accepts). A secret. */
  secretKey: string;
  hashFunction: HashFunction;
  timeIntervalInSeconds: number;
}

/** Options of {@link generateCode}. */
export interface GenerateCodeParams extends TokenParams {
  /** Unix time in seconds; the caller passes the clock so that tests can fix it. */
  epochSeconds: number;
}

/** Options of {@link verifyCode}. */
export interface VerifyCodeParams extends GenerateCodeParams {
  /** The code as the user typed it; only exactly 6 ASCII digits can be valid. */
  code: string;
  /** Time steps accepted on each side of the current one, at most {@link MAX_VERIFY_WINDOW}. */
  window: number;
  /** Replay guard: time steps less than or equal to this are rejected. */
  afterTimeStep?: number;
}

/** Result of {@link verifyCode}; a wrong code is a value, not an error. */
export type VerifyCodeResult =
  | {
      valid: true;
      /** RFC 6238 time step T of the matching code; store it and pass it back as `afterTimeStep`. */
      timeStep: number;
      /** Matching step minus the current step: negative when the token's clock is behind. */
      delta: number;
    }
  | { valid: false };

/**
 * Computes the 6-digit TOTP code (RFC 6238, T0 = 0) as a string with leading zeros kept.
 * The seed is Base32-decoded before HMAC, never used as ASCII text.
 * @throws {InventoryError} `invalidSecretKey` when the stored seed is not valid Base32.
 */
export function generateCode(params: GenerateCodeParams): string {
  return generateSync({
    secret: canonicalSecretKey(params.secretKey),
    algorithm: otplibAlgorithms[params.hashFunction],
    digits: CODE_DIGITS,
    period: params.timeIntervalInSeconds,
    epoch: params.epochSeconds,
    guardrails: otpGuardrails,
  });
}

/**
 * Checks a code against the steps within `window` of `epochSeconds`, in constant time per step.
 * Returns `{ valid: false }` for a wrong code, a code that is not exactly 6 ASCII digits, or a
 * match at or before `afterTimeStep`.
 * @throws {InventoryError} `invalidTotpArgument` for a window or replay guard out of range, and
 * `invalidSecretKey` when the stored seed is not valid Base32.
 */
export function verifyCode(params: VerifyCodeParams): VerifyCodeResult {
  checkWindow(params.window);
  checkAfterTimeStep(params.afterTimeStep);

  // A code is compared as text: a number would lose its leading zeros.
  if (typeof params.code !== "string" || !/^[0-9]{6}$/.test(params.code)) return { valid: false };

  // otplib throws when the guard lies beyond the last step in the window: nothing can match then.
  const lastStep = timeStepOf(params.epochSeconds + params.window * params.timeIntervalInSeconds, params.timeIntervalInSeconds);
  if (params.afterTimeStep !== undefined && params.afterTimeStep >= lastStep) return { valid: false };

  const result = verifySync({
    secret: canonicalSecretKey(params.secretKey),
    token: params.code,
    algorithm: otplibAlgorithms[params.hashFunction],
    digits: CODE_DIGITS,
    period: params.timeIntervalInSeconds,
    epoch: params.epochSeconds,
    epochTolerance: params.window * params.timeIntervalInSeconds,
    afterTimeStep: params.afterTimeStep,
    guardrails: otpGuardrails,
  });

  // The functional API types its result for HOTP as well; a TOTP match always carries timeStep.
  if (!result.valid || !("timeStep" in result)) return { valid: false };
  return { valid: true, timeStep: result.timeStep, delta: result.delta };
}

/** Returns the RFC 6238 time step T = floor(epochSeconds / period), with T0 = 0. */
export function timeStepOf(epochSeconds: number, period: number): number {
  checkTime(epochSeconds, period);
  return Math.floor(epochSeconds / period);
}

/** Returns the seconds until the code for `epochSeconds` expires (1 to `period`). */
export function secondsLeftInStep(epochSeconds: number, period: number): number {
  checkTime(epochSeconds, period);
  return (timeStepOf(epochSeconds, period) + 1) * period - epochSeconds;
}

/** Validates the stored seed; otplib's Base32 plugin then decodes it into the HMAC key. */
function canonicalSecretKey(secretKey: string): string {
  const normalized = normalizeSecret(secretKey, "base32");
  if (!normalized.ok) {
    throw new InventoryError("invalidSecretKey", `The stored secret key cannot be used. ${normalized.problem.message}`);
  }

  return normalized.secretKey;
}

function checkTime(epochSeconds: number, period: number): void {
  if (Number.isFinite(epochSeconds) && epochSeconds >= 0 && Number.isSafeInteger(period) && period > 0) return;
  throw new InventoryError(
    "invalidTotpArgument",
    `The time ${epochSeconds} with period ${period} is invalid: use non-negative Unix seconds and a positive whole period.`,
  );
}

function checkWindow(window: number): void {
  if (Number.isSafeInteger(window) && window >= 0 && window <= MAX_VERIFY_WINDOW) return;
  throw new InventoryError(
    "invalidTotpArgument",
    `The verification window ${window} is invalid: use a whole number of time steps from 0 to ${MAX_VERIFY_WINDOW}.`,
  );
}

function checkAfterTimeStep(afterTimeStep: number | undefined): void {
  if (afterTimeStep === undefined || (Number.isSafeInteger(afterTimeStep) && afterTimeStep >= 0)) return;
  throw new InventoryError(
    "invalidTotpArgument",
    `The replay guard ${afterTimeStep} is invalid: use the non-negative time step of the last accepted code.`,
  );
}
