import type { IncomingMessage } from "node:http";

/** Largest activity accepted; Teams activities with cards stay far below it. */
const maxBodyBytes = 1024 * 1024;

type BodyResult = { ok: true; value: Record<string, unknown> } | { ok: false; status: number; error: string };

/**
 * Reads the JSON body of a request unless a body parser of the host has done so already, so the
 * route works with and without restify's bodyParser in front of it.
 */
export async function readJsonBody(request: IncomingMessage & { body?: unknown }): Promise<BodyResult> {
  if (isObject(request.body)) return { ok: true, value: request.body };

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) return { ok: false, status: 413, error: `The activity is larger than ${maxBodyBytes} bytes.` };
    chunks.push(chunk);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    if (isObject(value)) return { ok: true, value };
  } catch {
    // Falls through to the answer below: the body is not JSON.
  }
  return { ok: false, status: 400, error: "The request body must be a JSON activity object." };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}
