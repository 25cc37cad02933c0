import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { badRequest } from "./errors.js";

/** Largest request body the sandbox reads, in bytes. Bulk creates of a few thousand devices fit. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** One parsed HTTP request as route handlers see it. */
export interface SandboxRequest {
  method: string;
  url: URL;
  /** Path segments, each percent-decoded, so `%23EXT%23` arrives as `#EXT#`. */
  segments: string[];
  headers: IncomingHttpHeaders;
  requestId: string;
  clientRequestId: string;
  body: Buffer;
}

/** Response of a route handler, which the router writes. */
export interface SandboxResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Reads the request, its body and its ids. */
export async function readRequest(request: IncomingMessage, baseUrl: string): Promise<SandboxRequest> {
  const url = new URL(request.url ?? "/", baseUrl);
  const requestId = randomUUID();
  const clientRequestHeader = request.headers["client-request-id"];
  const clientRequestId = typeof clientRequestHeader === "string" && clientRequestHeader !== "" ? clientRequestHeader : requestId;

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw badRequest(`The request body is larger than ${MAX_BODY_BYTES} bytes. Send fewer items per request.`);
    chunks.push(chunk as Buffer);
  }

  return {
    method: (request.method ?? "GET").toUpperCase(),
    url,
    segments: decodeSegments(url.pathname),
    headers: request.headers,
    requestId,
    clientRequestId,
    body: Buffer.concat(chunks),
  };
}

function decodeSegments(pathname: string): string[] {
  const raw = pathname.split("/").filter((segment) => segment !== "");
  try {
    return raw.map((segment) => decodeURIComponent(segment));
  } catch {
    // A malformed escape cannot name any resource, so the raw segments go on and match nothing.
    return raw;
  }
}

/** Parses the body as JSON. @throws GraphError 400 when it is empty or not JSON. */
export function jsonBody(request: SandboxRequest): unknown {
  const text = request.body.toString("utf8");
  if (text.trim() === "") throw badRequest("The request body is empty. Send a JSON object.", "BadRequest");
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("The request body is not valid JSON. Send a JSON object.", "BadRequest");
  }
}

/** Parses an `application/x-www-form-urlencoded` body. */
export function formBody(request: SandboxRequest): URLSearchParams {
  return new URLSearchParams(request.body.toString("utf8"));
}

/** Writes `response` with the request ids that every sandbox response carries. */
export function writeResponse(target: ServerResponse, request: Pick<SandboxRequest, "requestId" | "clientRequestId">, response: SandboxResponse): void {
  const headers: Record<string, string> = {
    "request-id": request.requestId,
    "client-request-id": request.clientRequestId,
    "cache-control": "no-store",
    ...response.headers,
  };
  if (response.body === undefined) {
    target.writeHead(response.status, headers);
    target.end();
    return;
  }

  const text = JSON.stringify(response.body);
  headers["content-type"] ??= "application/json; charset=utf-8";
  headers["content-length"] = String(Buffer.byteLength(text));
  target.writeHead(response.status, headers);
  target.end(text);
}
