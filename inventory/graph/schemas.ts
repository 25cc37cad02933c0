import { z } from "zod";
import type { DirectoryUser, HardwareOathDevice } from "../types.js";

const nullableText = z.string().nullish();

/** A device as Graph returns it. Unknown properties, `secretKey` among them, are dropped. */
export const deviceSchema = z.object({
  id: z.string().min(1),
  serialNumber: z.string(),
  manufacturer: nullableText.transform((value) => value ?? ""),
  model: nullableText.transform((value) => value ?? ""),
  displayName: nullableText,
  hashFunction: z
    .enum(["hmacsha1", "hmacsha256"])
    .nullish()
    .transform((value) => value ?? "hmacsha1"),
  timeIntervalInSeconds: z.union([z.literal(30), z.literal(60)]),
  status: z.enum(["available", "assigned", "activated", "failedActivation"]),
  assignedTo: z
    .object({ id: z.string(), displayName: nullableText })
    .nullish()
    .transform((value) => value ?? null),
  lastUsedDateTime: nullableText,
}) satisfies z.ZodType<HardwareOathDevice>;

/** An entry of a user's hardware OATH methods; the method id equals the device id. */
export const userMethodSchema = z.object({ id: z.string(), device: deviceSchema });

/** The `$select` list that fills a DirectoryUser. */
export const userSelect = "id,displayName,userPrincipalName,userType,accountEnabled";

/** A user as Graph returns it for `$select=${userSelect}`. */
export const userSchema = z
  .object({
    id: z.string().min(1),
    displayName: nullableText,
    userPrincipalName: z.string(),
    userType: z.enum(["Member", "Guest"]).nullish(),
    accountEnabled: z.boolean().nullish(),
  })
  .transform(
    (user): DirectoryUser => ({
      id: user.id,
      displayName: user.displayName ?? user.userPrincipalName,
      userPrincipalName: user.userPrincipalName,
      // Graph leaves userType empty on some old accounts; a guest's UPN always carries #EXT#.
      userType: user.userType ?? (user.userPrincipalName.includes("#EXT#") ? "Guest" : "Member"),
      accountEnabled: user.accountEnabled ?? true,
    }),
  );

/** One page of a Graph collection. */
export const pageSchema = z.object({
  value: z.array(z.unknown()),
  "@odata.nextLink": z.string().optional(),
});
