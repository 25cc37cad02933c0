import type { ListTokensQuery, TokenPage, TokenView } from "../Inventory.js";
import type { TokenRecord } from "../storage/index.js";
import { toTokenView } from "./tokenView.js";

const maxPageSize = 200;

function sortKey(token: TokenView, field: NonNullable<ListTokensQuery["sort"]>): string {
  if (field === "user") return (token.assignedTo?.userPrincipalName ?? "").toLowerCase();
  if (field === "status") return token.status;
  if (field === "updatedAt") return token.updatedAt;
  return token.serialNumber;
}

/**
 * One page of tokens, filtered and sorted in memory from all stored tokens: Table Storage can
 * neither sort nor search substrings.
 * NOTE: this is fine for tens of thousands of tokens; beyond that a search index would be needed.
 */
export function listTokenPage(records: readonly TokenRecord[], query: ListTokensQuery): TokenPage {
  const serial = query.serial?.trim().toLowerCase();
  const user = query.user?.trim().toLowerCase();
  const matches: TokenView[] = [];

  for (const record of records) {
    if (query.status && record.status !== query.status) continue;
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
