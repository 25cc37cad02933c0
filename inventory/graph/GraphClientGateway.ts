import { randomUUID } from "node:crypto";
import type { TokenCredential } from "@azure/identity";
import type { Client, GraphRequest } from "@microsoft/microsoft-graph-client";
import { z } from "zod";
import type { Logger } from "../logger.js";
import type { CreateDeviceParams, DirectoryUser, HardwareOathDevice } from "../types.js";
import { graphScopeFor, readGrantedRoles, type GraphCredentialSettings } from "./credential.js";
import { explainActivationFailure, explainAssignFailure, explainCreateFailure } from "./failureExplanations.js";
import { toGraphRequestError } from "./errorMapping.js";
import { GraphRequestError } from "./errors.js";
import type { GraphGateway, ListDevicesOptions } from "./GraphGateway.js";
import { createGraphClient } from "./graphClient.js";
import { isSameOrigin, untrustedHostError } from "./hostGuard.js";
import { eqFilter, graphPath, odataString, queryString } from "./odata.js";
import { graphPermissions, type GraphOperation } from "./permissions.js";
import type { GraphGatewayStats } from "./retryMiddleware.js";
import { defaultRetryOptions, type RetryOptions } from "./retryPolicy.js";
import { deviceSchema, pageSchema, userMethodSchema, userSchema, userSelect } from "./schemas.js";

export type { GraphGatewayStats } from "./retryMiddleware.js";

/** Settings of GraphClientGateway. */
export interface GraphClientGatewayOptions {
  credential: TokenCredential;
  /** Names the settings to check when the credential fails; contains no secret. */
  credentialSettings: GraphCredentialSettings;
  /** Graph root, such as `https://graph.microsoft.com` or the sandbox tenant's URL. */
  graphBaseUrl: string;
  /** @default graphScopeFor(graphBaseUrl) */
  scope?: string;
  /** Overrides of defaultRetryOptions. */
  retry?: Partial<RetryOptions>;
  logger?: Logger;
}

/** Inventory paths are beta-only; user lookups use v1.0. */
type GraphVersion = "beta" | "v1.0";

const devicesPath = ["directory", "authenticationMethodDevices", "hardwareOathDevices"];

/** Values Graph accepts in one `in` list of a `$filter` on directory objects. */
const upnsPerRequest = 15;

/** Largest `$top` that Graph accepts for users. */
const maxUserPageSize = 999;

/** GraphGateway over @microsoft/microsoft-graph-client, with our own retries, host guard and error codes. */
export class GraphClientGateway implements GraphGateway {
  private readonly client: Client;
  private readonly baseUrl: string;
  private readonly origin: string;
  private readonly scope: string;
  private readonly counters: GraphGatewayStats = { requests: 0, retries: 0, throttled: 0 };

  constructor(private readonly options: GraphClientGatewayOptions) {
    this.scope = options.scope ?? graphScopeFor(options.graphBaseUrl);

    const handle = createGraphClient({
      credential: options.credential,
      credentialSettings: options.credentialSettings,
      graphBaseUrl: options.graphBaseUrl,
      scope: this.scope,
      retry: { ...defaultRetryOptions, ...options.retry },
      stats: this.counters,
      logger: options.logger,
    });
    this.client = handle.client;
    this.baseUrl = handle.baseUrl;
    this.origin = handle.origin;
  }

  /** Request, retry and throttling counters since creation or the last `resetStats()`. */
  stats(): GraphGatewayStats {
    return { ...this.counters };
  }

  resetStats(): void {
    Object.assign(this.counters, { requests: 0, retries: 0, throttled: 0 });
  }

  async findDeviceBySerial(serialNumber: string): Promise<HardwareOathDevice | undefined> {
    requireText(serialNumber, "serialNumber");

    const devices = await this.listAll("findDeviceBySerial", "beta", graphPath(...devicesPath), { $filter: eqFilter({ serialNumber }) }, deviceSchema);

    const exact = devices.find((device) => device.serialNumber === serialNumber);
    return exact ?? devices.find((device) => device.serialNumber.toLowerCase() === serialNumber.toLowerCase());
  }

  async getDevice(deviceId: string): Promise<HardwareOathDevice | undefined> {
    requireText(deviceId, "deviceId");

    const body = await this.getOrUndefined("getDevice", () => this.request("beta", graphPath(...devicesPath, deviceId)).get());
    return body === undefined ? undefined : parseWith("getDevice", deviceSchema, body);
  }

  async listDevices(options: ListDevicesOptions = {}): Promise<HardwareOathDevice[]> {
    const $filter = eqFilter({ serialNumber: options.serialNumber, status: options.status, "assignedTo/id": options.assignedToId });
    return this.listAll("listDevices", "beta", graphPath(...devicesPath), { $filter, $top: options.top }, deviceSchema);
  }

  async createDevice(params: CreateDeviceParams): Promise<HardwareOathDevice> {
    requireText(params.serialNumber, "serialNumber");

    const body = {
      serialNumber: params.serialNumber,
      manufacturer: params.manufacturer,
      model: params.model,
      secretKey: params.secretKey,
      timeIntervalInSeconds: params.timeIntervalInSeconds,
      hashFunction: params.hashFunction,
      ...(params.displayName === undefined ? {} : { displayName: params.displayName }),
      ...(params.assignTo === undefined ? {} : { assignTo: { id: params.assignTo.id } }),
    };

    try {
      const created: unknown = await this.request("beta", graphPath(...devicesPath)).post(body);
      return parseWith("createDevice", deviceSchema, created);
    } catch (error) {
      throw await explainCreateFailure(this, params.serialNumber, toGraphRequestError("createDevice", error), this.options.logger);
    }
  }

  async createDevices(devices: CreateDeviceParams[]): Promise<void> {
    if (devices.length === 0) return;
    const value = devices.map((params, index) => ({
      "@contentId": String(index + 1),
      serialNumber: params.serialNumber,
      manufacturer: params.manufacturer,
      model: params.model,
      secretKey: params.secretKey,
      timeIntervalInSeconds: params.timeIntervalInSeconds,
      hashFunction: params.hashFunction,
      ...(params.displayName === undefined ? {} : { displayName: params.displayName }),
      ...(params.assignTo === undefined ? {} : { assignTo: { id: params.assignTo.id } }),
    }));
    // Graph returns 200 or 201 for a delta create, depending on the documentation page, and does
    // not document the body. Callers therefore read the devices back by serial number.
    await this.send("createDevices", () => this.request("beta", graphPath(...devicesPath)).patch({ "@context": "#$delta", value }));
  }

  async deleteDevice(deviceId: string): Promise<void> {
    requireText(deviceId, "deviceId");
    await this.send("deleteDevice", () => this.request("beta", graphPath(...devicesPath, deviceId)).delete());
  }

  async assignDevice(userId: string, deviceId: string): Promise<void> {
    requireText(userId, "userId");
    requireText(deviceId, "deviceId");

    try {
      await this.request("beta", userMethodsPath(userId)).post({ device: { id: deviceId } });
    } catch (error) {
      throw await explainAssignFailure(this, { userId, deviceId }, toGraphRequestError("assignDevice", error), this.options.logger);
    }
  }

  async activateDevice(userId: string, deviceId: string, verificationCode: string): Promise<void> {
    requireText(userId, "userId");
    requireText(deviceId, "deviceId");
    requireVerificationCode(verificationCode);

    // A 404 right after assignment can mean "not replicated yet". The caller retries it with a
    // freshly computed code, so the gateway does not repeat the old one.
    try {
      await this.request("beta", userMethodsPath(userId, deviceId, "activate")).post({ verificationCode });
    } catch (error) {
      throw await explainActivationFailure(this, { userId, deviceId }, toGraphRequestError("activateDevice", error), this.options.logger);
    }
  }

  async assignAndActivateDevice(userId: string, deviceId: string, verificationCode: string): Promise<void> {
    requireText(userId, "userId");
    requireText(deviceId, "deviceId");
    requireVerificationCode(verificationCode);

    try {
      await this.request("beta", userMethodsPath(userId, "assignAndActivate")).post({ device: { id: deviceId }, verificationCode });
    } catch (error) {
      const mapped = toGraphRequestError("assignAndActivateDevice", error);
      throw await explainAssignFailure(this, { userId, deviceId }, mapped, this.options.logger);
    }
  }

  async unassignDevice(userId: string, deviceId: string): Promise<void> {
    requireText(userId, "userId");
    requireText(deviceId, "deviceId");
    await this.send("unassignDevice", () => this.request("beta", userMethodsPath(userId, deviceId)).delete());
  }

  async listUserDevices(userId: string): Promise<HardwareOathDevice[]> {
    requireText(userId, "userId");
    const methods = await this.listAll("listUserDevices", "beta", userMethodsPath(userId), {}, userMethodSchema);
    return methods.map((method) => method.device);
  }

  async findUserByUpn(upn: string): Promise<DirectoryUser | undefined> {
    requireText(upn, "userPrincipalName");

    const query = { $filter: `userPrincipalName eq ${odataString(upn)}`, $select: userSelect };
    const users = await this.listAll("findUserByUpn", "v1.0", "/users", query, userSchema);
    return users[0];
  }

  async findUsersByUpns(upns: string[]): Promise<DirectoryUser[]> {
    const users: DirectoryUser[] = [];
    for (let start = 0; start < upns.length; start += upnsPerRequest) {
      const chunk = upns.slice(start, start + upnsPerRequest);
      chunk.forEach((upn) => requireText(upn, "userPrincipalName"));
      const query = { $filter: `userPrincipalName in (${chunk.map(odataString).join(",")})`, $select: userSelect };
      try {
        users.push(...(await this.listAll("findUserByUpn", "v1.0", "/users", query, userSchema)));
      } catch (error) {
        // Where Graph or a proxy rejects `in`, each UPN is looked up on its own.
        if (!(error instanceof GraphRequestError && error.code === "badRequest")) throw error;
        for (const upn of chunk) {
          const user = await this.findUserByUpn(upn);
          if (user) users.push(user);
        }
      }
    }
    return users;
  }

  async getUser(userId: string): Promise<DirectoryUser | undefined> {
    requireText(userId, "userId");

    const path = graphPath("users", userId) + queryString({ $select: userSelect });
    const body = await this.getOrUndefined("getUser", () => this.request("v1.0", path).get());
    return body === undefined ? undefined : parseWith("getUser", userSchema, body);
  }

  async searchUsers(prefix: string, top = 25): Promise<DirectoryUser[]> {
    const trimmed = prefix.trim();
    const literal = odataString(trimmed);
    const $filter = trimmed === "" ? undefined : `startswith(displayName,${literal}) or startswith(userPrincipalName,${literal})`;
    const $top = Math.min(Math.max(1, Math.trunc(top)), maxUserPageSize);

    const path = "/users" + queryString({ $filter, $select: userSelect, $top });
    const body = await this.send("searchUsers", () => this.request("v1.0", path).get());
    const page = parseWith("searchUsers", pageSchema, body);
    return page.value.slice(0, $top).map((user) => parseWith("searchUsers", userSchema, user));
  }

  async checkMemberGroups(userId: string, groupIds: string[]): Promise<string[]> {
    requireText(userId, "userId");
    if (groupIds.length === 0) return [];

    const path = graphPath("users", userId, "checkMemberGroups");
    const body = await this.send("checkMemberGroups", () => this.request("v1.0", path).post({ groupIds }));
    const parsed = z.object({ value: z.array(z.string()) }).safeParse(body);
    if (!parsed.success) throw new GraphRequestError("unexpectedResponse", "Graph returned a checkMemberGroups body that is not a list of group ids.");
    return parsed.data.value;
  }

  async grantedPermissions(): Promise<string[]> {
    return readGrantedRoles(this.options.credential, this.scope, this.options.credentialSettings);
  }

  /** Starts a request to `path` (already encoded, query included) with a fresh client-request-id. */
  private request(version: string, path: string): GraphRequest {
    return this.client.api(path).version(version).header("client-request-id", randomUUID());
  }

  private async send<T>(operation: GraphOperation, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw toGraphRequestError(operation, error);
    }
  }

  /** Like `send`, but a 404 is the expected absence and returns undefined. */
  private async getOrUndefined(operation: GraphOperation, call: () => Promise<unknown>): Promise<unknown> {
    try {
      return await this.send(operation, call);
    } catch (error) {
      if (error instanceof GraphRequestError && error.code === "notFound") return undefined;
      throw error;
    }
  }

  /** Reads every page of a collection, following `@odata.nextLink` only within the Graph origin. */
  private async listAll<T extends z.ZodType>(
    operation: GraphOperation,
    version: GraphVersion,
    path: string,
    query: Record<string, string | number | undefined>,
    itemSchema: T,
  ): Promise<z.output<T>[]> {
    const items: z.output<T>[] = [];
    const visited = new Set<string>();
    let next: GraphRequest | undefined = this.request(version, path + queryString(query));

    while (next) {
      const current: GraphRequest = next;
      const page = parseWith(operation, pageSchema, await this.send(operation, () => current.get()));
      for (const item of page.value) items.push(parseWith(operation, itemSchema, item));

      const nextLink = page["@odata.nextLink"];
      if (nextLink === undefined) break;
      if (visited.has(nextLink)) {
        throw new GraphRequestError("unexpectedResponse", `Graph returned the same @odata.nextLink twice while ${describe(operation)}.`);
      }
      visited.add(nextLink);
      next = this.followLink(nextLink);
    }
    return items;
  }

  /** A request for an absolute `@odata.nextLink`, which must lie under the Graph base URL. */
  private followLink(nextLink: string): GraphRequest {
    if (!isSameOrigin(nextLink, this.origin) || !nextLink.startsWith(this.baseUrl + "/")) {
      throw untrustedHostError(nextLink, this.origin);
    }

    // The client can split an absolute URL into host, version and path, but only when the Graph
    // root has no path. Splitting here also works for a root behind a path prefix.
    const rest = nextLink.slice(this.baseUrl.length + 1);
    const slash = rest.indexOf("/");
    if (slash <= 0) {
      throw new GraphRequestError("unexpectedResponse", "Graph returned an @odata.nextLink without a version and path. Check GRAPH_BASE_URL.");
    }
    return this.request(rest.slice(0, slash), rest.slice(slash));
  }
}

function userMethodsPath(userId: string, ...rest: string[]): string {
  return graphPath("users", userId, "authentication", "hardwareOathMethods", ...rest);
}

function describe(operation: GraphOperation): string {
  return graphPermissions[operation].action;
}

function parseWith<T extends z.ZodType>(operation: GraphOperation, schema: T, data: unknown): z.output<T> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;

  const where = parsed.error.issues.map((issue) => issue.path.join(".") || "(root)").join(", ");
  throw new GraphRequestError("unexpectedResponse", `Graph's response to ${describe(operation)} did not have the expected shape at ${where}. Check GRAPH_BASE_URL.`);
}

/** Rejects empty ids before they reach a path: an empty segment would address the whole collection. */
function requireText(value: string, name: string): void {
  if (typeof value !== "string" || value.trim() === "") {
    throw new GraphRequestError("badRequest", `${name} is empty. Pass the ${name} of an existing object.`);
  }
}

/** Verification codes are 6-digit strings, so a leading zero survives; the code never enters a message. */
function requireVerificationCode(verificationCode: string): void {
  if (typeof verificationCode !== "string" || !/^\d{6}$/.test(verificationCode)) {
    throw new GraphRequestError("invalidVerificationCode", "The verification code must be a string of exactly 6 digits. Enter the code shown on the token.");
  }
}
