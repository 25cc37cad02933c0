import net from "node:net";
import { ConfigurationError } from "../inventory/errors.js";

/**
 * Checks that nothing listens on 127.0.0.1:`port` yet, by binding it for a moment. Without this
 * check a second Azurite on a taken port exits, while the product talks to whoever holds the port.
 * @throws ConfigurationError naming the port and the variable that sets it.
 */
export async function assertPortFree(port: number, variable: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EADDRINUSE") {
        reject(error);
        return;
      }
      reject(
        new ConfigurationError(
          "portInUse",
          `Port ${port} on 127.0.0.1 (${variable}) is already in use by another process, perhaps another Token Inventory, ` +
            `Azurite or token-inventory command. Stop that process, or set ${variable} to a free port.`,
        ),
      );
    });
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}
