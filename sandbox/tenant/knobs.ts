import { z } from "zod";

/** Graph application permissions that the product's app registration has by default. */
export const defaultGrantedRoles = [
  "Policy.ReadWrite.AuthenticationMethod",
  "UserAuthenticationMethod.ReadWrite.All",
  "User.Read.All",
];

/**
 * Behaviour of the sandbox tenant that tests change at run time, through `tenant.knobs` or
 * `POST /_sandbox/knobs`. Every request reads the current values.
 */
export interface SandboxKnobs {
  /** Maximum number of items in one page of a list response. @default 100 */
  pageSize: number;
  /** Delay added before each Graph response, in milliseconds. @default 0 */
  latencyMs: number;
  /** Request budget per second across Graph requests; beyond it Graph returns 429. */
  throttle: {
    /** `null` turns throttling off. @default null */
    requestsPerSecond: number | null;
    /** Value of the `Retry-After` header on 429 responses. @default 1 */
    retryAfterSeconds: number;
  };
  /** Injected 503 Service Unavailable responses. */
  failures503: {
    /** Every Nth Graph request fails with 503; `null` turns injection off. @default null */
    every: number | null;
    /** Value of the `Retry-After` header on injected 503 responses. @default 1 */
    retryAfterSeconds: number;
  };
  /** Time after an assignment during which activate returns 404, in milliseconds. @default 0 */
  replicationDelayMs: number;
  /**
   * TOTP time steps accepted on each side of the current step at activation. `null` means one
   * day on each side: 2880 steps for 30-second tokens and 1440 for 60-second tokens. @default null
   */
  driftWindowSteps: number | null;
  /** Status of the answer to a create request with a serial number that already exists. @default 409 */
  duplicateSerialStatus: 400 | 409;
  /** Status of the answer to assigning a device that is not available. @default 400 */
  alreadyAssignedStatus: 400 | 409;
  /** Status of a successful bulk create (`PATCH` with a delta body). @default 200 */
  bulkCreateStatus: 200 | 201;
  /** `roles` claim of app tokens issued from now on. */
  grantedRoles: string[];
  /** `false` makes the token endpoint treat the client secret as expired. @default true */
  clientSecretValid: boolean;
  /** Lifetime of issued app tokens, in seconds. @default 3600 */
  accessTokenLifetimeSeconds: number;
  /**
   * Seconds added to the clock that verifies activation codes, so that tests can activate with
   * codes of a fixed instant (published TOTP vectors). @default 0
   */
  totpClockOffsetSeconds: number;
}

/** Returns a fresh set of knobs with every default applied. */
export function defaultKnobs(): SandboxKnobs {
  return {
    pageSize: 100,
    latencyMs: 0,
    throttle: { requestsPerSecond: null, retryAfterSeconds: 1 },
    failures503: { every: null, retryAfterSeconds: 1 },
    replicationDelayMs: 0,
    driftWindowSteps: null,
    duplicateSerialStatus: 409,
    alreadyAssignedStatus: 400,
    bulkCreateStatus: 200,
    grantedRoles: [...defaultGrantedRoles],
    clientSecretValid: true,
    accessTokenLifetimeSeconds: 3600,
    totpClockOffsetSeconds: 0,
  };
}

const positiveOrNull = z.number().int().positive().nullable();

/** Schema of a partial knob update, as `POST /_sandbox/knobs` receives it. */
export const knobsUpdateSchema = z
  .object({
    pageSize: z.number().int().min(1).max(999),
    latencyMs: z.number().int().min(0).max(60_000),
    throttle: z.object({ requestsPerSecond: positiveOrNull, retryAfterSeconds: z.number().int().min(0) }).partial().strict(),
    failures503: z.object({ every: positiveOrNull, retryAfterSeconds: z.number().int().min(0) }).partial().strict(),
    replicationDelayMs: z.number().int().min(0),
    driftWindowSteps: z.number().int().min(0).nullable(),
    duplicateSerialStatus: z.union([z.literal(400), z.literal(409)]),
    alreadyAssignedStatus: z.union([z.literal(400), z.literal(409)]),
    bulkCreateStatus: z.union([z.literal(200), z.literal(201)]),
    grantedRoles: z.array(z.string().min(1)),
    clientSecretValid: z.boolean(),
    accessTokenLifetimeSeconds: z.number().int(),
    totpClockOffsetSeconds: z.number(),
  })
  .partial()
  .strict();

/** A partial knob update; nested objects may be partial too. */
export type SandboxKnobsUpdate = z.infer<typeof knobsUpdateSchema>;

/** Applies `update` to `knobs` in place, so holders of the object see the new values. */
export function applyKnobsUpdate(knobs: SandboxKnobs, update: SandboxKnobsUpdate): SandboxKnobs {
  const { throttle, failures503, ...flat } = update;
  Object.assign(knobs, flat);
  if (throttle) Object.assign(knobs.throttle, throttle);
  if (failures503) Object.assign(knobs.failures503, failures503);
  return knobs;
}

/** Drift window in steps for a token with this interval, after applying the default. */
export function driftWindowFor(knobs: SandboxKnobs, timeIntervalInSeconds: number): number {
  return knobs.driftWindowSteps ?? Math.round(86_400 / timeIntervalInSeconds);
}
