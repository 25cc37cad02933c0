/** Shared vocabulary of the token service. Names follow Microsoft Graph's hardwareOathTokenAuthenticationMethodDevice. */

/** Graph `hashFunction` values. */
export type HashFunction = "hmacsha1" | "hmacsha256";

/** Graph `timeIntervalInSeconds` values that Entra accepts. */
export type TimeInterval = 30 | 60;

/** Graph device `status`. */
export type DeviceStatus = "available" | "assigned" | "activated" | "failedActivation";

/** A hardware OATH device as Graph returns it (`secretKey` is never readable). */
export interface HardwareOathDevice {
  id: string;
  serialNumber: string;
  manufacturer: string;
  model: string;
  displayName?: string | null;
  hashFunction: HashFunction;
  timeIntervalInSeconds: TimeInterval;
  status: DeviceStatus;
  assignedTo: { id: string; displayName?: string | null } | null;
  lastUsedDateTime?: string | null;
}

/** Body of a device create request. `secretKey` is canonical Base32 without padding. */
export interface CreateDeviceParams {
  serialNumber: string;
  manufacturer: string;
  model: string;
  secretKey: string;
  timeIntervalInSeconds: TimeInterval;
  hashFunction: HashFunction;
  displayName?: string;
  /** Assigns the device in the same call. */
  assignTo?: { id: string };
}

/** A directory user as far as token assignment cares. */
export interface DirectoryUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  userType: "Member" | "Guest";
  accountEnabled: boolean;
}

/** How far an import goes for rows with a user. Rows without a user always stop after create. */
export type ImportMode = "import" | "assign" | "activate";

/** Final outcome of one import row, as the CLI and tab report it. */
export type RowOutcome = "valid" | "created" | "assigned" | "activated" | "skipped" | "failed";

/** A seed file row after normalisation: ready to send to Graph. */
export interface SeedRow {
  /** 1-based data row number (header and blank lines not counted). */
  row: number;
  serialNumber: string;
  /** Canonical Base32, upper case, no padding. A secret: never log or return it. */
  secretKey: string;
  timeIntervalInSeconds: TimeInterval;
  hashFunction: HashFunction;
  /** True when the hash was not in the file and was inferred from the seed length. */
  hashInferred: boolean;
  manufacturer: string;
  model: string;
  displayName?: string;
  /** User principal name as written in the file, trimmed; undefined when the row has none. */
  upn?: string;
}

/** A problem with one row or with the whole file. Messages never contain seeds. */
export interface RowProblem {
  code: string;
  message: string;
  /** Column name as found in the file, when the problem belongs to one column. */
  column?: string;
}
