import type { SeedCipher } from "../crypto/index.js";
import { ConflictError, NotFoundError, ValidationError } from "../errors.js";
import type { GraphGateway } from "../graph/GraphGateway.js";
import { GraphRequestError } from "../graph/errors.js";
import { activateNow } from "../import/activateNow.js";
import type { Actor, ListTokensQuery, TokenPage, TokenService, TokenView } from "../Inventory.js";
import type { TableStores, TokenRecord } from "../storage/index.js";
import { checkAssignable } from "../users/UserResolver.js";
import { listTokenPage } from "./listTokenPage.js";
import { toTokenView } from "./tokenView.js";

const sixDigits = /^[0-9]{6}$/;

/** How long a read of the whole token table serves list requests, in milliseconds. */
const snapshotMaxAgeMs = 3000;

export interface TokenServiceDeps {
  graph: GraphGateway;
  stores: TableStores;
  cipher: SeedCipher;
}

/**
 * Single-token actions of admins: assign, activate, unassign, delete. Every action goes to Graph
 * first and then updates the tokens table with its ETag, and writes one audit entry whatever the
 * outcome.
 */
export class TableTokenService implements TokenService {
  private cached?: { at: number; records: TokenRecord[] };

  constructor(private readonly deps: TokenServiceDeps) {}

  async list(query: ListTokensQuery): Promise<TokenPage> {
    return listTokenPage(await this.snapshot(), query);
  }

  /**
   * All stored tokens, read at most once per {@link snapshotMaxAgeMs}. Paging, sorting and typing
   * in a filter then stay fast at 10,000 tokens, where reading the table takes about a second.
   * Actions of this service and every token write of an import clear it; a chat activation shows
   * within that age.
   */
  /** Drops the snapshot; the import calls it after each token it writes. */
  invalidateSnapshot(): void {
    this.cached = undefined;
  }

  private async snapshot(): Promise<TokenRecord[]> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < snapshotMaxAgeMs) return this.cached.records;

    const records: TokenRecord[] = [];
    for await (const record of this.deps.stores.tokens.list({})) records.push(record);
    this.cached = { at: now, records };
    return records;
  }

  async get(serialNumber: string): Promise<TokenView | undefined> {
    const record = await this.deps.stores.tokens.get(serialNumber);
    return record && toTokenView(record);
  }

  async assign(serialNumber: string, user: string, actor: Actor): Promise<TokenView> {
    return this.audited("assign", serialNumber, actor, user, async (record) => {
      if (record.status !== "available") {
        throw new ConflictError("tokenNotAvailable", `Token ${serialNumber} is ${record.status}; unassign it before assigning it to someone else.`);
      }
      const target = user.includes("@") ? await this.deps.graph.findUserByUpn(user) : await this.deps.graph.getUser(user);
      if (!target) throw new NotFoundError("userNotFound", `No user ${user} exists in the tenant. Pick the user from the search results.`);
      const check = checkAssignable(target);
      if (!check.ok) throw new ValidationError(check.code, check.message);

      await this.deps.graph.assignDevice(target.id, this.deviceIdOf(record));
      return {
        ...record,
        status: "assigned",
        assignedUserId: target.id,
        assignedUpn: target.userPrincipalName,
        assignedDisplayName: target.displayName,
      };
    });
  }

  async activate(serialNumber: string, code: string | undefined, actor: Actor): Promise<TokenView> {
    if (code !== undefined && !sixDigits.test(code)) {
      throw new ValidationError("invalidCode", "The verification code must be exactly 6 digits, as shown on the token.");
    }
    return this.audited("activate", serialNumber, actor, undefined, async (record) => {
      if (!record.assignedUserId) throw new ConflictError("tokenNotAssigned", `Token ${serialNumber} is not assigned; assign it to a user before activating it.`);
      if (record.status === "activated") throw new ConflictError("tokenAlreadyActive", `Token ${serialNumber} is already activated.`);
      const deviceId = this.deviceIdOf(record);

      if (code !== undefined) {
        await this.deps.graph.activateDevice(record.assignedUserId, deviceId, code);
      } else {
        if (!record.encryptedSecret) {
          throw new ConflictError("seedNotStored", `The seed of token ${serialNumber} is no longer stored; type the code shown on the token instead.`);
        }
        await activateNow(this.deps.graph, {
          userId: record.assignedUserId,
          deviceId,
          secretKey: this.deps.cipher.decrypt(record.encryptedSecret),
          hashFunction: record.hashFunction,
          timeIntervalInSeconds: record.timeIntervalInSeconds,
        });
      }

      const device = await this.deps.graph.getDevice(deviceId);
      if (device?.status !== "activated") {
        throw new ConflictError("activationNotConfirmed", `Graph accepted the code for ${serialNumber}, but the token reads back as ${device?.status ?? "missing"}. Try again.`);
      }
      // The seed goes once the token works, unless the admin chose to keep it at import.
      return { ...record, status: "activated", encryptedSecret: record.keepSeed ? record.encryptedSecret : undefined };
    });
  }

  async unassign(serialNumber: string, actor: Actor): Promise<TokenView> {
    return this.audited("unassign", serialNumber, actor, undefined, async (record) => {
      if (!record.assignedUserId) throw new ConflictError("tokenNotAssigned", `Token ${serialNumber} is not assigned to anyone.`);
      await this.deps.graph.unassignDevice(record.assignedUserId, this.deviceIdOf(record));
      return { ...record, status: "available", assignedUserId: undefined, assignedUpn: undefined, assignedDisplayName: undefined };
    });
  }

  async delete(serialNumber: string, actor: Actor): Promise<void> {
    await this.audited("delete", serialNumber, actor, undefined, async (record) => {
      if (record.status !== "available") {
        throw new ConflictError("tokenNotAvailable", `Token ${serialNumber} is ${record.status}; unassign it before deleting it.`);
      }
      if (record.deviceId) {
        try {
          await this.deps.graph.deleteDevice(record.deviceId);
        } catch (error) {
          // Already gone from Entra ID: removing our record is all that is left to do.
          if (!(error instanceof GraphRequestError && error.code === "notFound")) throw error;
        }
      }
      return undefined;
    });
  }

  private deviceIdOf(record: TokenRecord): string {
    if (!record.deviceId) {
      throw new ConflictError("tokenNotInTenant", `Token ${record.serialNumber} was never created in Entra ID; resume its import job first.`);
    }
    return record.deviceId;
  }

  /**
   * Loads the token, runs the action, stores the returned record (or deletes the token when the
   * action returns undefined) and writes the audit entry for success or failure.
   */
  private async audited(
    action: "assign" | "activate" | "unassign" | "delete",
    serialNumber: string,
    actor: Actor,
    targetUser: string | undefined,
    act: (record: TokenRecord) => Promise<TokenRecord | undefined>,
  ): Promise<TokenView> {
    const { tokens, audit } = this.deps.stores;
    this.cached = undefined;
    const record = await tokens.get(serialNumber);
    if (!record) throw new NotFoundError("tokenNotFound", `No token with serial number ${serialNumber} is in the inventory.`);

    const entry = { actor: actor.name, action, serialNumber, targetUser: targetUser ?? record.assignedUpn };
    try {
      const changed = await act(record);
      this.cached = undefined;
      const view = changed ? toTokenView(await tokens.update({ ...changed, updatedAt: new Date().toISOString() })) : toTokenView(record);
      if (!changed) await tokens.delete(serialNumber, record.etag);
      await audit.append({ ...entry, time: new Date().toISOString(), outcome: "success" });
      return view;
    } catch (error) {
      const reason = error instanceof Error && "code" in error ? `${String(error.code)}: ${error.message}` : "unexpected error";
      await audit.append({ ...entry, time: new Date().toISOString(), outcome: "failure", reason });
      throw error;
    }
  }
}
