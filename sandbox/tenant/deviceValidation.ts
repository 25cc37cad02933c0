import { z } from "zod";
import { badRequest, type GraphError } from "./errors.js";

const deviceTypeName = "microsoft.graph.hardwareOathTokenAuthenticationMethodDevice";

const requiredText = (name: string) =>
  z.string({ error: `${name} is required and must be a string.` }).trim().min(1, { error: `${name} must not be empty.` }).max(256, { error: `${name} must be at most 256 characters.` });

const secretKey = z
  .string({ error: "secretKey is required and must be a Base32 string." })
  .refine((value) => !value.includes("="), { error: "secretKey must be Base32 without '=' padding. Remove the trailing '=' characters." })
  .refine((value) => /^[A-Za-z2-7]*$/.test(value), { error: "secretKey must be Base32 (letters A-Z and digits 2-7). Convert hex seeds to Base32 first." })
  .refine((value) => value.length >= 16, { error: "secretKey must have at least 16 Base32 characters (80 bits)." })
  .refine((value) => value.length <= 128, { error: "secretKey must have at most 128 Base32 characters." });

const timeIntervalInSeconds = z.union([z.literal(30), z.literal(60)], { error: "timeIntervalInSeconds must be the number 30 or 60." });
const hashFunction = z.enum(["hmacsha1", "hmacsha256"], { error: "hashFunction must be 'hmacsha1' or 'hmacsha256'." });
const displayName = z.string({ error: "displayName must be a string." }).max(256).nullable();

/** Body of a device create request, after validation. */
export const createDeviceSchema = z.object({
  serialNumber: requiredText("serialNumber"),
  manufacturer: requiredText("manufacturer"),
  model: requiredText("model"),
  secretKey,
  timeIntervalInSeconds,
  hashFunction: hashFunction.default("hmacsha1"),
  displayName: displayName.optional(),
  assignTo: z.object({ id: z.string({ error: "assignTo.id must be a user object id." }).min(1) }, { error: "assignTo must be an object like {\"id\":\"<user id>\"}." }).optional(),
});

/** A validated device create request. */
export type CreateDeviceBody = z.infer<typeof createDeviceSchema>;

/** Body of a device update request, after validation. */
export const updateDeviceSchema = z.object({
  displayName: displayName.optional(),
  manufacturer: requiredText("manufacturer").optional(),
  model: requiredText("model").optional(),
  timeIntervalInSeconds: timeIntervalInSeconds.optional(),
  hashFunction: hashFunction.optional(),
});

/** A validated device update request. */
export type UpdateDeviceBody = z.infer<typeof updateDeviceSchema>;

/** Annotations that clients may send with a device and that are not properties. */
const annotations = new Set(["@odata.type", "@contentId"]);

/**
 * Validates `body` with `schema`, rejecting properties that the device type does not have or that
 * the request may not set.
 * @throws GraphError 400 naming the first invalid property and what to send instead.
 */
export function parseDeviceBody<T extends z.ZodObject>(schema: T, body: unknown, label = "The device"): z.infer<T> {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw badRequest(`${label} must be a JSON object.`, "BadRequest");

  const allowed = new Set(Object.keys(schema.shape));
  const extra = Object.keys(body).find((key) => !allowed.has(key) && !annotations.has(key));
  if (extra) throw propertyError(extra, label);

  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw badRequest(`${label} is invalid: ${issue?.message ?? "unknown problem"}`);
  }
  return parsed.data;
}

function propertyError(property: string, label: string): GraphError {
  const readOnly = ["id", "status", "assignedTo", "lastUsedDateTime", "serialNumber", "secretKey"];
  if (readOnly.includes(property)) return badRequest(`${label} is invalid: the property '${property}' cannot be set by this request.`);
  return badRequest(`${label} is invalid: the property '${property}' does not exist on type '${deviceTypeName}'.`, "BadRequest");
}
