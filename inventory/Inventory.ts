import type { Readable } from "node:stream";
import type { InventoryConfig } from "./config.js";
import type {
  DeviceStatus,
  DirectoryUser,
  HashFunction,
  ImportMode,
  RowOutcome,
  TimeInterval,
} from "./types.js";

/**
 * The service surface that the CLI, the tab API and the bot use. Nothing here knows HTTP or Teams.
 * Implementations live next to this file; `createInventory` in inventory/index.ts wires them.
 */
export interface Inventory {
  readonly config: InventoryConfig;
  readonly imports: ImportService;
  readonly tokens: TokenService;
  readonly users: UserService;
  readonly audit: AuditService;
  readonly status: StatusService;
  /** Set by the bot when it runs; imports and token actions report through it. */
  notifier: Notifier;
  close(): Promise<void>;
}

/** Person or process that acted, as written to the audit log. */
export interface Actor {
  /** Entra object id when known. */
  id?: string;
  /** UPN for people, OS user name for the CLI, "system" for resumed jobs. */
  name: string;
  kind: "cli" | "admin" | "user" | "system";
}

/** A seed file handed to the import. */
export interface SeedFileInput {
  fileName: string;
  content: Buffer | Readable;
}

export interface ImportOptions {
  mode: ImportMode;
  /** Keep encrypted seeds after activation (for later re-activation). */
  keepSeeds?: boolean;
  /** Declares how every secret in the file is encoded. */
  secretEncoding?: "base32" | "hex";
}

/** One row of an import report. Never carries a seed. */
export interface ImportReportRow {
  row: number;
  serialNumber: string;
  upn?: string;
  userDisplayName?: string;
  outcome: RowOutcome;
  hashFunction?: HashFunction;
  hashInferred?: boolean;
  timeIntervalInSeconds?: TimeInterval;
  error?: { code: string; message: string };
}

/** `interrupted` is never stored: it is a running job whose process on this machine has ended. */
export type ImportJobState = "draft" | "pending" | "running" | "interrupted" | "completed" | "failed";

export interface ImportReport {
  /** Undefined for a dry run, which stores nothing. */
  jobId?: string;
  mode: ImportMode;
  state?: ImportJobState;
  fileName: string;
  counts: Record<RowOutcome, number> & { total: number };
  columns: { found: string[]; unknown: string[] };
  /** Header problems that do not stop the import but change what it does, e.g. a misspelt "upn" column. */
  warnings?: string[];
  rows: ImportReportRow[];
}

/** Progress of a running or finished job, for progress bars. */
export interface ImportProgress {
  jobId: string;
  state: ImportJobState;
  mode: ImportMode;
  fileName: string;
  actor: string;
  totalRows: number;
  /** Rows that have finished each step so far. */
  steps: { created: number; assigned: number; activated: number; failed: number; skipped: number; done: number };
  createdAt: string;
  finishedAt?: string;
}

export interface ImportService {
  /** Validates every row and resolves users without writing anything anywhere. */
  validate(file: SeedFileInput, options: ImportOptions): Promise<ImportReport>;
  /** Validates, then stores the job and its rows (seeds encrypted) as a draft; nothing reaches Graph. */
  createJob(file: SeedFileInput, options: ImportOptions, actor: Actor): Promise<ImportReport>;
  /** Runs (or resumes) a stored job until every row has finished; resolves with the final report. */
  run(jobId: string, actor: Actor, onProgress?: (progress: ImportProgress) => void): Promise<ImportReport>;
  /** Starts a job in the background and returns at once. */
  start(jobId: string, actor: Actor): Promise<ImportProgress>;
  getProgress(jobId: string): Promise<ImportProgress | undefined>;
  getReport(jobId: string): Promise<ImportReport | undefined>;
  listJobs(): Promise<ImportProgress[]>;
  /** Jobs that a stopped process left pending or running. */
  listUnfinished(): Promise<ImportProgress[]>;
}

/** A token as the inventory shows it. Never carries a seed. */
export interface TokenView {
  serialNumber: string;
  deviceId?: string;
  manufacturer: string;
  model: string;
  displayName?: string;
  hashFunction: HashFunction;
  timeIntervalInSeconds: TimeInterval;
  status: DeviceStatus;
  assignedTo?: { id: string; userPrincipalName?: string; displayName?: string };
  /** True while the encrypted seed is stored, so a code can be generated. */
  seedStored: boolean;
  updatedAt: string;
}

export type TokenSortField = "serialNumber" | "status" | "user" | "updatedAt";

export interface ListTokensQuery {
  status?: DeviceStatus;
  /** Substring of the serial number. */
  serial?: string;
  /** Substring of the assigned user's UPN or display name, or a user id. */
  user?: string;
  sort?: TokenSortField;
  descending?: boolean;
  page?: number;
  pageSize?: number;
}

export interface TokenPage {
  items: TokenView[];
  total: number;
  page: number;
  pageSize: number;
}

export interface TokenService {
  list(query: ListTokensQuery): Promise<TokenPage>;
  get(serialNumber: string): Promise<TokenView | undefined>;
  /** Assigns an available token to a user given by object id or UPN. */
  assign(serialNumber: string, user: string, actor: Actor): Promise<TokenView>;
  /** Activates with a typed code, or with a code computed from the stored seed when `code` is omitted. */
  activate(serialNumber: string, code: string | undefined, actor: Actor): Promise<TokenView>;
  unassign(serialNumber: string, actor: Actor): Promise<TokenView>;
  delete(serialNumber: string, actor: Actor): Promise<void>;
}

/** A user with whether a hardware token can be assigned to them, and why not. */
export interface AssignableUser extends DirectoryUser {
  assignable: boolean;
  reason?: string;
}

export interface UserService {
  search(prefix: string, top?: number): Promise<AssignableUser[]>;
}

export interface AuditQuery {
  from?: Date;
  to?: Date;
  actor?: string;
  action?: string;
  serialNumber?: string;
  outcome?: string;
  pageSize?: number;
  continuationToken?: string;
}

export interface AuditRecord {
  time: string;
  actor: string;
  action: string;
  serialNumber?: string;
  targetUser?: string;
  outcome: string;
  reason?: string;
  jobId?: string;
}

export interface AuditService {
  list(query: AuditQuery): Promise<{ items: AuditRecord[]; continuationToken?: string }>;
}

export interface PermissionCheck {
  name: string;
  reason: string;
  granted: boolean;
}

/** One result of a configuration check, in plain words, with the fix when something is wrong. */
export interface StatusFinding {
  area: "tenant" | "credential" | "permissions" | "storage" | "seedKey" | "bot" | "helpdesk" | "groups";
  ok: boolean;
  /** Set for a gap that the product runs fine without, such as no helpdesk channel yet. */
  warning?: boolean;
  /** Result in plain words, e.g. "Graph granted Policy.ReadWrite.AuthenticationMethod". */
  message: string;
  /** Fix to apply, present when `ok` is false. */
  fix?: string;
}

export interface ServiceStatus {
  tenant: { sandbox: boolean; tenantId?: string; clientId?: string; graphBaseUrl: string };
  graph: { reachable: boolean; error?: string; permissions: PermissionCheck[] };
  storage: { reachable: boolean; error?: string };
  /** `stale`: a channel was registered, but the bot was removed from it since. */
  helpdesk: { configured: boolean; stale?: boolean };
  bot: { configured: boolean };
  /** Every check with its result; problems carry their fix. */
  findings: StatusFinding[];
}

export interface StatusService {
  check(): Promise<ServiceStatus>;
}

/** A problem the helpdesk should hear about. The bot implements this port with Adaptive Cards. */
export type HelpdeskEvent =
  | { kind: "importFinished"; jobId: string; fileName: string; counts: ImportReport["counts"]; failures: ImportReportRow[] }
  | { kind: "activationLockout"; userId: string; userPrincipalName?: string; serialNumber?: string; attempts: number; lockedUntil: string }
  | { kind: "repeatedFailures"; userId: string; userPrincipalName?: string; serialNumber?: string; attempts: number }
  | { kind: "permissionMissing"; permission: string; operation: string }
  | { kind: "tokenClaimed"; userId: string; userPrincipalName?: string; serialNumber: string };

export interface Notifier {
  notify(event: HelpdeskEvent): Promise<void>;
}

