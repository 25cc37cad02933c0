import { createHash } from "node:crypto";
import { ScureBase32Plugin } from "otplib";

/**
 * Deterministic seed files and directories for tests and benchmarks. The seeds are derived from
 * a counter with SHA-256, so the same arguments always give the same files. They are test data:
 * never load them into a real tenant.
 */

const base32 = new ScureBase32Plugin();
const domain = "northwind.example";

export interface TestUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  userType: "Member" | "Guest";
  accountEnabled: boolean;
  appRoles?: string[];
}

/** Users `user00001@northwind.example` …, each with a stable object id. */
export function generateDirectory(count: number): TestUser[] {
  return Array.from({ length: count }, (_, index) => {
    const number = String(index + 1).padStart(5, "0");
    return {
      id: `10000000-0000-4000-8000-${String(index + 1).padStart(12, "0")}`,
      displayName: `Test User ${number}`,
      userPrincipalName: `user${number}@${domain}`,
      userType: "Member",
      accountEnabled: true,
    };
  });
}

function seedBytes(label: string, index: number, length: number): Uint8Array {
  const digest = createHash("sha256").update(`${label}:${index}`).digest();
  return new Uint8Array(digest.subarray(0, length));
}

export interface GeneratedCsvOptions {
  count: number;
  users: TestUser[];
  /** Share of rows with a user, 0 to 1. @default 1 */
  assignedShare?: number;
  /** Every n-th token is SHA-256 with a 32-byte seed. @default 4 */
  sha256Every?: number;
  serialBase?: number;
  label?: string;
}

/** Lines of a Token2-style CSV (header first), produced lazily so that large files stream. */
export function* generateCsvLines(options: GeneratedCsvOptions): Generator<string> {
  const { count, users } = options;
  const assignedEvery = options.assignedShare === undefined || options.assignedShare >= 1 ? 1 : Math.round(1 / Math.max(options.assignedShare, 0.0001));
  const sha256Every = options.sha256Every ?? 4;
  const serialBase = options.serialBase ?? 2_200_000_000_000;
  yield "upn,serial number,secret key,time interval,manufacturer,model,hash";
  for (let index = 0; index < count; index++) {
    const sha256 = sha256Every > 0 && index % sha256Every === sha256Every - 1;
    const upn = index % assignedEvery === 0 && users.length > 0 ? users[index % users.length]!.userPrincipalName : "";
    const secret = base32.encode(seedBytes(options.label ?? "seed", index, sha256 ? 32 : 20)).replace(/=+$/, "");
    yield [upn, String(serialBase + index), secret, "30", "Token2", sha256 ? "C302" : "C202", sha256 ? "SHA256" : "SHA1"].join(",");
  }
}

/** A whole generated CSV file as a string. */
export function generateCsv(options: GeneratedCsvOptions): string {
  return [...generateCsvLines(options)].join("\r\n") + "\r\n";
}
