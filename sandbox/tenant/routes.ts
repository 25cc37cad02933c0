import type { TenantContext } from "./context.js";
import { createDevice, createDevices, deleteDevice, getDevice, listDevices, updateDevice } from "./devices.js";
import type { SandboxRequest, SandboxResponse } from "./http.js";
import { jsonWebKeySet, openIdConfigurationV1, openIdConfigurationV2 } from "./openid.js";
import { handleTokenRequest } from "./tokenEndpoint.js";
import {
  activateUserMethod,
  assignAndActivate,
  assignAndActivateBySerialNumber,
  assignUserMethod,
  listUserMethods,
  unassignUserMethod,
} from "./userMethods.js";
import { checkMemberGroups, getUser, listUsers } from "./users.js";

/** Part of the cloud that a route imitates. Graph routes get auth, throttling and faults. */
export type RouteGroup = "entra" | "graph" | "sandbox";

/** Path parameters of a matched route, percent-decoded. */
export type RouteParams = Record<string, string>;

/** One route of the sandbox tenant. */
export interface Route {
  method: string;
  /** Path with `{name}` for one segment, such as `/beta/users/{user}`. Literal segments match case-insensitively. */
  template: string;
  group: RouteGroup;
  /** Application permissions of which the token must hold one (Graph routes only). */
  permissions?: readonly string[];
  handle(context: TenantContext, request: SandboxRequest, params: RouteParams): SandboxResponse | Promise<SandboxResponse>;
}

const inventoryPermissions = ["Policy.ReadWrite.AuthenticationMethod"];
const methodPermissions = ["UserAuthenticationMethod.ReadWrite.All"];
const userPermissions = ["User.Read.All", "User.ReadWrite.All", "Directory.Read.All", "Directory.ReadWrite.All"];

const inventory = "/beta/directory/authenticationMethodDevices/hardwareOathDevices";
const methods = "/beta/users/{user}/authentication/hardwareOathMethods";

/** Entra and Graph routes. The sandbox control routes are added by the router. */
export const cloudRoutes: Route[] = [
  { method: "GET", template: "/{tenant}/v2.0/.well-known/openid-configuration", group: "entra", handle: (context) => openIdConfigurationV2(context) },
  { method: "GET", template: "/{tenant}/.well-known/openid-configuration", group: "entra", handle: (context) => openIdConfigurationV1(context) },
  { method: "GET", template: "/{tenant}/discovery/v2.0/keys", group: "entra", handle: (context) => jsonWebKeySet(context) },
  { method: "GET", template: "/{tenant}/discovery/keys", group: "entra", handle: (context) => jsonWebKeySet(context) },
  { method: "POST", template: "/{tenant}/oauth2/v2.0/token", group: "entra", handle: handleTokenRequest },

  { method: "POST", template: inventory, group: "graph", permissions: inventoryPermissions, handle: createDevice },
  { method: "PATCH", template: inventory, group: "graph", permissions: inventoryPermissions, handle: createDevices },
  { method: "GET", template: inventory, group: "graph", permissions: inventoryPermissions, handle: listDevices },
  { method: "GET", template: `${inventory}/{deviceId}`, group: "graph", permissions: inventoryPermissions, handle: (c, r, p) => getDevice(c, r, p.deviceId!) },
  { method: "PATCH", template: `${inventory}/{deviceId}`, group: "graph", permissions: inventoryPermissions, handle: (c, r, p) => updateDevice(c, r, p.deviceId!) },
  { method: "DELETE", template: `${inventory}/{deviceId}`, group: "graph", permissions: inventoryPermissions, handle: (c, _r, p) => deleteDevice(c, p.deviceId!) },

  { method: "GET", template: methods, group: "graph", permissions: methodPermissions, handle: (c, r, p) => listUserMethods(c, r, p.user!) },
  { method: "POST", template: methods, group: "graph", permissions: methodPermissions, handle: (c, r, p) => assignUserMethod(c, r, p.user!) },
  { method: "POST", template: `${methods}/assignAndActivate`, group: "graph", permissions: methodPermissions, handle: (c, r, p) => assignAndActivate(c, r, p.user!) },
  {
    method: "POST",
    template: `${methods}/assignAndActivateBySerialNumber`,
    group: "graph",
    permissions: methodPermissions,
    handle: (c, r, p) => assignAndActivateBySerialNumber(c, r, p.user!),
  },
  { method: "DELETE", template: `${methods}/{deviceId}`, group: "graph", permissions: methodPermissions, handle: (c, _r, p) => unassignUserMethod(c, p.user!, p.deviceId!) },
  {
    method: "POST",
    template: `${methods}/{deviceId}/activate`,
    group: "graph",
    permissions: methodPermissions,
    handle: (c, r, p) => activateUserMethod(c, r, p.user!, p.deviceId!),
  },

  { method: "GET", template: "/v1.0/users", group: "graph", permissions: userPermissions, handle: listUsers },
  { method: "GET", template: "/beta/users", group: "graph", permissions: userPermissions, handle: listUsers },
  { method: "GET", template: "/v1.0/users/{user}", group: "graph", permissions: userPermissions, handle: (c, r, p) => getUser(c, r, p.user!) },
  { method: "GET", template: "/beta/users/{user}", group: "graph", permissions: userPermissions, handle: (c, r, p) => getUser(c, r, p.user!) },
  {
    method: "POST",
    template: "/v1.0/users/{user}/checkMemberGroups",
    group: "graph",
    permissions: userPermissions,
    handle: (c, r, p) => checkMemberGroups(c, r, p.user!),
  },
];

/** Result of matching a request path against the routes. */
export type RouteMatch =
  | { kind: "found"; route: Route; params: RouteParams }
  | { kind: "wrongMethod"; template: string }
  | { kind: "none" };

/** Finds the route for a method and decoded path segments; literal routes win over parameters. */
export function matchRoute(routes: readonly Route[], method: string, segments: readonly string[]): RouteMatch {
  let wrongMethod: string | undefined;
  let best: { route: Route; params: RouteParams; literals: number } | undefined;

  for (const route of routes) {
    const params = matchTemplate(route.template, segments);
    if (!params) continue;
    if (route.method !== method) {
      wrongMethod ??= route.template;
      continue;
    }
    const literals = route.template.split("/").filter((part) => part !== "" && !part.startsWith("{")).length;
    if (!best || literals > best.literals) best = { route, params, literals };
  }

  if (best) return { kind: "found", route: best.route, params: best.params };
  return wrongMethod ? { kind: "wrongMethod", template: wrongMethod } : { kind: "none" };
}

function matchTemplate(template: string, segments: readonly string[]): RouteParams | undefined {
  const parts = template.split("/").filter((part) => part !== "");
  if (parts.length !== segments.length) return undefined;

  const params: RouteParams = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index]!;
    if (part.startsWith("{")) {
      params[part.slice(1, -1)] = segment;
    } else if (part.toLowerCase() !== segment.toLowerCase()) {
      return undefined;
    }
  }
  return params;
}
