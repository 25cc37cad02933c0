import { z } from "zod";
import { ValidationError } from "../errors.js";

const positionSchema = z.object({
  /** Partition to continue in. */
  partition: z.string().min(1).max(64),
  /** SDK continuation token inside that partition. Absent means its start. */
  token: z.string().max(4096).optional(),
});

/** Position at which a query across partitions stopped. */
export type QueryPosition = z.infer<typeof positionSchema>;

/** Encodes a query position as an opaque, URL-safe continuation token. */
export function encodeContinuationToken(position: QueryPosition): string {
  return Buffer.from(JSON.stringify(position), "utf8").toString("base64url");
}

/**
 * Decodes a token made by {@link encodeContinuationToken}.
 * @throws ValidationError `invalidContinuationToken` when the token was not made by this service.
 */
export function decodeContinuationToken(token: string): QueryPosition {
  try {
    return positionSchema.parse(JSON.parse(Buffer.from(token, "base64url").toString("utf8")));
  } catch (error) {
    throw new ValidationError(
      "invalidContinuationToken",
      "The continuation token is invalid; pass the token from the previous page unchanged, or omit it to start over.",
      { cause: error },
    );
  }
}
