import type { ListTokensQuery, TokenPage, TokenView } from "../Inventory.js";
import type { TokenRepository } from "../storage/index.js";
import { toTokenView } from "./tokenView.js";

const maxPageSize = 200;

function sortKey(token: TokenView, field: NonNullable<ListTokensQuery["sort"]>): string {
  if (field === "user") return (token.assignedTo?.userPrincipalName ?? "").toLowerCase();
  if (field === "status") return token.status;
  if (field === "updatedAt") return token.updatedAt;
  return token.serialNumber;
}

/**
 * One page of tokens, filtered and sorted. Table Storage cannot sort or search substrings, so the
 * service reads the token table (status filtered on the server) and pages in memory.
 * NOTE: this is fine for tens of thousands of tokens; beyond that a search index would be needed.
 */
export async function listTokenPage(tokens: TokenRepository, query: ListTokensQuery): Promise<TokenPage> {
  const serial = query.serial?.trim().toLowerCase();
  const user = query.user?.trim().toLowerCase();
  const matches: TokenView[] = [];

  for await (const record of tokens.list({ status: query.status })) {
    if (serial && !record.serialNumber.toLowerCase().includes(serial)) continue;
    if (user) {
      const names = [record.assignedUpn, record.assignedDisplayName, record.assignedUserId].map((name) => (name ?? "").toLowerCase());
      if (!names.some((name) => name.includes(user))) continue;
    }
    matches.push(toTokenView(record));
  }

  const field = query.sort ?? "serialNumber";
  const direction = query.descending ? -1 : 1;
  matches.sort((a, b) => direction * sortKey(a, field).localeCompare(sortKey(b, field), "en", { numeric: true }));

  const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), maxPageSize);
  const page = Math.max(query.page ?? 1, 1);
  return { items: matches.slice((page - 1) * pageSize, page * pageSize), total: matches.length, page, pageSize };
}
