import path from "node:path";
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { writeFileAtomic } from "./files.js";

const storedDeviceSchema = z.object({
  id: z.string(),
  displayName: z.string().nullable(),
  serialNumber: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  /** Base32 seed, upper case. A secret: it never leaves the sandbox. */
  secretKey: z.string(),
  timeIntervalInSeconds: z.union([z.literal(30), z.literal(60)]),
  hashFunction: z.enum(["hmacsha1", "hmacsha256"]),
  status: z.enum(["available", "assigned", "activated", "failedActivation"]),
  assignedToId: z.string().nullable(),
  /** When the device was last assigned; activate returns 404 until the replication delay has passed. */
  assignedDateTime: z.string().nullable(),
  lastUsedDateTime: z.string().nullable(),
  createdDateTime: z.string(),
  /** Last TOTP time step accepted for this device, so no code is accepted twice. */
  lastAcceptedStep: z.number().int().nullable(),
});

/** A hardware OATH device as the sandbox stores it, secret included. */
export type StoredDevice = z.infer<typeof storedDeviceSchema>;

const stateFileSchema = z.object({ version: z.literal(1), devices: z.array(storedDeviceSchema) });

/** Delay between a change and the write of state.json, so bursts of changes cost one write. */
const SAVE_DELAY_MS = 50;

/**
 * The sandbox's hardware OATH inventory, kept in memory and saved to `dataDir/state.json`
 * (mode 0600, atomic rename) shortly after each change, and at `flush()`.
 */
export class DeviceStore {
  private readonly devices = new Map<string, StoredDevice>();
  private saveTimer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();
  private saveError: unknown;

  private constructor(private readonly filePath: string) {}

  /**
   * Opens the store in `dataDir`, loading the devices saved by an earlier run.
   * @throws Error naming the file when it exists but does not parse.
   */
  static async open(dataDir: string): Promise<DeviceStore> {
    const store = new DeviceStore(path.join(dataDir, "state.json"));
    let text: string;
    try {
      text = await readFile(store.filePath, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return store;
      throw error;
    }

    const parsed = stateFileSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`The sandbox state ${store.filePath} is invalid (${parsed.error.issues[0]?.message}). Delete it to start empty.`);
    for (const device of parsed.data.devices) store.devices.set(device.id, device);
    return store;
  }

  /** Devices in creation order. */
  all(): StoredDevice[] {
    return [...this.devices.values()];
  }

  get(id: string): StoredDevice | undefined {
    return this.devices.get(id.toLowerCase());
  }

  /** Finds a device by serial number, compared case-insensitively. */
  findBySerial(serialNumber: string): StoredDevice | undefined {
    const wanted = serialNumber.toLowerCase();
    return this.all().find((device) => device.serialNumber.toLowerCase() === wanted);
  }

  add(device: StoredDevice): void {
    this.devices.set(device.id, device);
    this.changed();
  }

  remove(id: string): void {
    this.devices.delete(id);
    this.changed();
  }

  /** Schedules a save after a change to a device returned by this store. */
  changed(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.save();
    }, SAVE_DELAY_MS);
  }

  /**
   * Writes pending changes now and waits for every write to finish.
   * @throws the error of a failed write since the last flush.
   */
  async flush(): Promise<void> {
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
      await this.save();
    }
    await this.saving;

    const error = this.saveError;
    this.saveError = undefined;
    if (error !== undefined) throw error;
  }

  private save(): Promise<void> {
    const text = JSON.stringify({ version: 1, devices: this.all() });
    // Writes run one after another, so an older snapshot never overwrites a newer one. A failed
    // write is kept for flush() to raise, because the timer that started it has no caller.
    this.saving = this.saving
      .then(() => writeFileAtomic(this.filePath, text))
      .catch((error: unknown) => {
        this.saveError = error;
      });
    return this.saving;
  }
}
