import { writeFileSync } from "node:fs";
import { ValidationError } from "../../inventory/errors.js";
import { toCsv } from "../../inventory/csv.js";
import type { TokenView } from "../../inventory/Inventory.js";
import type { DeviceStatus } from "../../inventory/types.js";
import { withInventory } from "../context.js";
import { formatTable } from "../output.js";

const statuses: DeviceStatus[] = ["available", "assigned", "activated", "failedActivation"];

async function allTokens(list: (page: number) => Promise<{ items: TokenView[]; total: number; pageSize: number }>): Promise<TokenView[]> {
  const tokens: TokenView[] = [];
  for (let page = 1; ; page++) {
    const result = await list(page);
    tokens.push(...result.items);
    if (tokens.length >= result.total || result.items.length === 0) return tokens;
  }
}

/** `tokens [--status S] [--json]`: the inventory, without seeds. */
export async function tokensCommand(options: { status?: string; json?: boolean }): Promise<number> {
  if (options.status && !statuses.includes(options.status as DeviceStatus)) {
    throw new ValidationError("invalidStatus", `Status "${options.status}" is not known; use one of ${statuses.join(", ")}.`);
  }
  return withInventory(undefined, async ({ inventory }) => {
    const status = options.status as DeviceStatus | undefined;
    const tokens = await allTokens((page) => inventory.tokens.list({ status, page, pageSize: 200 }));

    if (options.json) {
      process.stdout.write(JSON.stringify(tokens, null, 2) + "\n");
      return 0;
    }
    const rows = tokens.map((token) => [
      token.serialNumber,
      token.status,
      token.assignedTo?.userPrincipalName ?? "",
      token.hashFunction,
      String(token.timeIntervalInSeconds),
      `${token.manufacturer} ${token.model}`,
    ]);
    process.stdout.write(formatTable(["serial", "status", "user", "hash", "interval", "model"], rows) + `\n${tokens.length} ${tokens.length === 1 ? "token" : "tokens"}\n`);
    return 0;
  });
}

/** `export <file.csv>`: the inventory as a CSV file that spreadsheets open without running formulas. */
export async function exportCommand(file: string): Promise<number> {
  return withInventory(undefined, async ({ inventory }) => {
    const tokens = await allTokens((page) => inventory.tokens.list({ page, pageSize: 200 }));
    const csv = toCsv(tokens, [
      { header: "serialNumber", value: (token) => token.serialNumber },
      { header: "status", value: (token) => token.status },
      { header: "upn", value: (token) => token.assignedTo?.userPrincipalName },
      { header: "displayName", value: (token) => token.assignedTo?.displayName },
      { header: "hashFunction", value: (token) => token.hashFunction },
      { header: "timeIntervalInSeconds", value: (token) => token.timeIntervalInSeconds },
      { header: "manufacturer", value: (token) => token.manufacturer },
      { header: "model", value: (token) => token.model },
      { header: "deviceId", value: (token) => token.deviceId },
      { header: "updatedAt", value: (token) => token.updatedAt },
    ]);
    writeFileSync(file, csv);
    process.stdout.write(`Exported ${tokens.length} tokens to ${file}\n`);
    return 0;
  });
}
