import { z } from "zod";
import type { TenantContext } from "./context.js";
import type { SandboxUser } from "./directory.js";
import { badRequest, resourceNotFound } from "./errors.js";
import type { SandboxRequest, SandboxResponse } from "./http.js";
import { FilterError, matchesFilter, parseFilter, type FilterRules } from "./odataFilter.js";
import { parseSelect, parseTop, project, takePage } from "./odataQuery.js";

/** Properties of a user in Graph responses. */
const userProperties = ["id", "displayName", "userPrincipalName", "userType", "accountEnabled", "mail"] as const;

const userFilterRules: FilterRules = {
  eq: { id: "string", userPrincipalName: "string", displayName: "string", mail: "string", userType: "string", accountEnabled: "boolean" },
  startswith: ["displayName", "userPrincipalName", "mail"],
  allowOr: true,
};

const searchableProperties = new Set(["displayName", "userPrincipalName", "mail"]);

/** Shapes a sandbox user as Graph returns it. */
export function toGraphUser(user: SandboxUser) {
  return {
    id: user.id,
    displayName: user.displayName,
    userPrincipalName: user.userPrincipalName,
    userType: user.userType,
    accountEnabled: user.accountEnabled,
    mail: user.mail ?? null,
  };
}

/**
 * Handles `GET /{version}/users` with `$filter` (eq, startswith, and, or), `$search` (which
 * needs `ConsistencyLevel: eventual`), `$select`, `$top` (1–999) and paging.
 */
export function listUsers(context: TenantContext, request: SandboxRequest): SandboxResponse {
  const { url } = request;
  const top = parseTop(url, { min: 1, max: 999 }, "Request_UnsupportedQuery");
  const select = parseSelect(url, userProperties, "microsoft.graph.user");

  let users = [...context.directory.users];

  const filter = url.searchParams.get("$filter");
  if (filter !== null) {
    try {
      const node = parseFilter(filter, userFilterRules);
      users = users.filter((user) => matchesFilter(node, (property) => (user as Record<string, unknown>)[property]));
    } catch (error) {
      if (error instanceof FilterError) throw badRequest(`Unsupported or invalid query filter: ${error.message}`, "Request_UnsupportedQuery");
      throw error;
    }
  }

  const search = url.searchParams.get("$search");
  if (search !== null) {
    if (String(request.headers["consistencylevel"] ?? "").toLowerCase() !== "eventual") {
      throw badRequest(
        "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'.",
        "Request_UnsupportedQuery",
      );
    }
    const matches = parseSearch(search);
    users = users.filter(matches);
  }

  const page = takePage(users, url, top ?? context.knobs.pageSize);
  return {
    status: 200,
    body: {
      "@odata.context": `${context.url}/${request.segments[0]}/$metadata#users`,
      value: page.value.map((user) => project(toGraphUser(user), select)),
      ...(page.nextLink ? { "@odata.nextLink": page.nextLink } : {}),
    },
  };
}

/** Handles `GET /{version}/users/{id or userPrincipalName}`. */
export function getUser(context: TenantContext, request: SandboxRequest, idOrUserPrincipalName: string): SandboxResponse {
  const select = parseSelect(request.url, userProperties, "microsoft.graph.user");
  const user = context.directory.find(idOrUserPrincipalName);
  if (!user) throw resourceNotFound(idOrUserPrincipalName);
  return {
    status: 200,
    body: { "@odata.context": `${context.url}/${request.segments[0]}/$metadata#users/$entity`, ...project(toGraphUser(user), select) },
  };
}

/**
 * Parses `$search` clauses such as `"displayName:ada" OR "userPrincipalName:ada"`. A clause
 * matches when a word of the property starts with the term, case-insensitively, which is how
 * Graph's tokenized search behaves for names.
 */
function parseSearch(search: string): (user: SandboxUser) => boolean {
  const clausePattern = /"([A-Za-z]+):([^"]*)"/g;
  const clauses = [...search.matchAll(clausePattern)].map((match) => ({ property: match[1]!, term: match[2]!.toLowerCase() }));
  const operators = search.replace(clausePattern, " ").trim().split(/\s+/).filter((word) => word !== "");

  if (clauses.length === 0 || operators.length !== clauses.length - 1 || operators.some((word) => !/^(AND|OR)$/.test(word))) {
    throw badRequest(`Invalid $search '${search}'. Write clauses like "displayName:ada" joined by AND or OR.`, "Request_UnsupportedQuery");
  }
  const unknown = clauses.find((clause) => !searchableProperties.has(clause.property));
  if (unknown) throw badRequest(`$search is not supported on property '${unknown.property}'.`, "Request_UnsupportedQuery");

  const clauseMatches = (user: SandboxUser, clause: { property: string; term: string }) => {
    const value = String((user as Record<string, unknown>)[clause.property] ?? "").toLowerCase();
    return value.startsWith(clause.term) || value.split(/[\s.@_-]+/).some((word) => word.startsWith(clause.term));
  };

  // AND binds tighter than OR, so the clauses split into OR-groups of AND-ed clauses.
  return (user) => {
    let groupResult = clauseMatches(user, clauses[0]!);
    for (let index = 1; index < clauses.length; index++) {
      if (operators[index - 1] === "AND") {
        groupResult = groupResult && clauseMatches(user, clauses[index]!);
      } else {
        if (groupResult) return true;
        groupResult = clauseMatches(user, clauses[index]!);
      }
    }
    return groupResult;
  };
}

const checkMemberGroupsBody = z.object({ groupIds: z.array(z.string().min(1)).min(1).max(20) });

/** Handles `POST /{version}/users/{id or userPrincipalName}/checkMemberGroups`: which of the given groups the user is in. */
export function checkMemberGroups(context: TenantContext, request: SandboxRequest, idOrUserPrincipalName: string): SandboxResponse {
  const user = context.directory.find(idOrUserPrincipalName);
  if (!user) throw resourceNotFound(idOrUserPrincipalName);

  let body: unknown;
  try {
    body = JSON.parse(request.body.toString("utf8"));
  } catch {
    throw badRequest("The request body is not valid JSON.", "Request_BadRequest");
  }
  const parsed = checkMemberGroupsBody.safeParse(body);
  if (!parsed.success) throw badRequest("The body must be {\"groupIds\": [1 to 20 group ids]}.", "Request_BadRequest");

  const member = new Set(user.memberOf.map((id) => id.toLowerCase()));
  return {
    status: 200,
    body: {
      "@odata.context": `${context.url}/${request.segments[0]}/$metadata#Collection(Edm.String)`,
      value: parsed.data.groupIds.filter((id) => member.has(id.toLowerCase())),
    },
  };
}
