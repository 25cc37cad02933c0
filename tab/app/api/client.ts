import { ApiError } from "./ApiError.js";

/** Returns the bearer token for the next request (Teams SSO or sandbox sign-in). */
export type TokenProvider = () => Promise<string>;

/** Query parameters; undefined and empty values are left out. */
export type QueryParams = Record<string, string | number | boolean | undefined>;

function withQuery(path: string, query?: QueryParams): string {
  if (!query) return path;
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === "") continue;
    search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => undefined)) as { code?: unknown; message?: unknown } | undefined;
  const code = typeof body?.code === "string" ? body.code : `http${response.status}`;
  const message = typeof body?.message === "string" ? body.message : `The server returned HTTP ${response.status}.`;
  return new ApiError(response.status, code, message);
}

/** Calls the tab API with the caller's bearer token and turns error responses into ApiError. */
export class ApiClient {
  constructor(private readonly getToken: TokenProvider) {}

  /** Sends a request and returns the raw response when it succeeded. @throws ApiError */
  async send(method: string, path: string, options: { query?: QueryParams; body?: BodyInit; contentType?: string } = {}): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.getToken()}` };
    if (options.contentType) headers["content-type"] = options.contentType;

    const response = await fetch(withQuery(path, options.query), { method, headers, body: options.body });
    if (!response.ok) throw await toApiError(response);
    return response;
  }

  async get<T>(path: string, query?: QueryParams): Promise<T> {
    return (await (await this.send("GET", path, { query })).json()) as T;
  }

  async post<T>(path: string, body?: unknown): Promise<T> {
    const response = await this.send("POST", path, {
      body: body === undefined ? undefined : JSON.stringify(body),
      contentType: body === undefined ? undefined : "application/json",
    });
    return (await response.json()) as T;
  }

  async delete(path: string): Promise<void> {
    await this.send("DELETE", path);
  }

  /** Uploads a file as the raw request body. */
  async upload<T>(path: string, file: File, query: QueryParams): Promise<T> {
    const response = await this.send("POST", path, {
      query: { ...query, fileName: file.name },
      body: file,
      contentType: file.type || "application/octet-stream",
    });
    return (await response.json()) as T;
  }

  /** Downloads a file through the API (the bearer token rules out a plain link) and saves it. */
  async download(path: string, fileName: string, query?: QueryParams): Promise<void> {
    const blob = await (await this.send("GET", path, { query })).blob();
    const url = URL.createObjectURL(blob);
    const anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = fileName;
    anchor.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** Reads GET /api/session without a token (sandbox or not), or with one (who is signed in). */
export async function fetchSession<T>(token?: string): Promise<T> {
  const response = await fetch("/api/session", { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw await toApiError(response);
  return (await response.json()) as T;
}

/** Asks the server for a sandbox token for a directory user (sandbox mode only). */
export async function sandboxSignIn(userPrincipalName: string): Promise<string> {
  const response = await fetch("/api/sandbox/signin", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ userPrincipalName }),
  });
  if (!response.ok) throw await toApiError(response);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Finds sandbox directory users whose name or UPN starts with `search` (sandbox mode only). */
export async function fetchSandboxUsers(search: string): Promise<{ userPrincipalName: string; displayName: string }[]> {
  const response = await fetch(`/api/sandbox/users?search=${encodeURIComponent(search)}`);
  if (!response.ok) throw await toApiError(response);
  return ((await response.json()) as { items: { userPrincipalName: string; displayName: string }[] }).items;
}
