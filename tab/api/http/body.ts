import type { Request } from "restify";
import type { z } from "zod";
import { HttpError } from "./errors.js";
import { parseWith } from "./validation.js";

/** Maximum size of a JSON request body. @default 64 KiB */
export const maxJsonBodyBytes = 64 * 1024;

function tooLarge(limitBytes: number): HttpError {
  const megabytes = (limitBytes / (1024 * 1024)).toFixed(limitBytes >= 1024 * 1024 ? 0 : 2);
  return new HttpError(413, "payloadTooLarge", `The request body is larger than ${megabytes} MB. Split the file and upload the parts one by one.`);
}

/**
 * Reads the whole request body into a buffer, rejecting more than `limitBytes` with a 413.
 * The host must not install restify's bodyParser for /api routes; if one ran anyway, its result
 * in `req.body` is used instead of the (already consumed) stream.
 */
export async function readRawBody(req: Request, limitBytes: number): Promise<Buffer> {
  const declaredLength = Number(req.headers["content-length"]);
  if (Number.isFinite(declaredLength) && declaredLength > limitBytes) throw tooLarge(limitBytes);

  const parsedBefore: unknown = (req as { body?: unknown }).body;
  if (parsedBefore !== undefined) {
    const buffer = Buffer.isBuffer(parsedBefore)
      ? parsedBefore
      : Buffer.from(typeof parsedBefore === "string" ? parsedBefore : JSON.stringify(parsedBefore));
    if (buffer.length > limitBytes) throw tooLarge(limitBytes);
    return buffer;
  }

  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    received += chunk.length;
    if (received > limitBytes) {
      // Discard the rest of the upload so that the client still reads the 413 response.
      req.resume();
      throw tooLarge(limitBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Reads a JSON body and parses it with a schema. An empty body counts as `{}`.
 * @throws HttpError 415 for another content type, 400 for malformed JSON or a schema mismatch.
 */
export async function readJsonBody<Schema extends z.ZodType>(req: Request, schema: Schema): Promise<z.output<Schema>> {
  const contentType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  const raw = await readRawBody(req, maxJsonBodyBytes);

  let value: unknown = {};
  if (raw.length > 0) {
    if (contentType && contentType !== "application/json") {
      throw new HttpError(415, "unsupportedMediaType", `Content-Type ${contentType} is not accepted here. Send application/json.`);
    }
    try {
      value = JSON.parse(raw.toString("utf8"));
    } catch {
      throw new HttpError(400, "invalidJson", "The request body is not valid JSON. Send a JSON object.");
    }
  }
  return parseWith(schema, value, "body");
}
