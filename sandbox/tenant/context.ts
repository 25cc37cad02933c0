import type { AppRegistration } from "./appRegistration.js";
import type { Directory } from "./directory.js";
import type { DeviceStore } from "./state.js";
import type { SigningKey } from "./keys.js";
import type { SandboxKnobs } from "./knobs.js";

/** Everything a route handler of the sandbox tenant works with. */
export interface TenantContext {
  /** `https://127.0.0.1:PORT`: the authority host and the Graph base URL. */
  url: string;
  dataDir: string;
  app: AppRegistration;
  signingKey: SigningKey;
  knobs: SandboxKnobs;
  directory: Directory;
  devices: DeviceStore;
}
