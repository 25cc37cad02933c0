import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, openSync, closeSync } from "node:fs";
import net from "node:net";
import path from "node:path";

/** Options for {@link startAzurite}. */
export interface StartAzuriteOptions {
  /** Folder for Azurite's files (`--location`, unless in memory) and its log `azurite-table.log`. */
  dataDir: string;
  /** Port of the Table service on 127.0.0.1. 0 or absent picks a free port. */
  tablePort?: number;
  /** Keep the tables in memory only (`--inMemoryPersistence`). Nothing survives close(). */
  inMemory?: boolean;
  /** Time to wait until the port accepts connections. @default 30000 */
  startTimeoutMs?: number;
}

/** A running Azurite Table service started by {@link startAzurite}. */
export interface AzuriteProcess {
  /** Connection string for the well-known development account `devstoreaccount1`. */
  connectionString: string;
  tablePort: number;
  pid: number;
  /** Stops the process by its id (SIGINT, then SIGKILL after 10 s) and resolves once it has exited. */
  close(): Promise<void>;
}

/** Well-known key of the Azurite development account. Public and documented by Microsoft. */
const devAccountName = "devstoreaccount1";
const devAccountKey =
  "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

const projectRoot = path.resolve(import.meta.dirname, "..");
const tableMain = path.join(projectRoot, "node_modules", "azurite", "dist", "src", "table", "main.js");

/**
 * Starts the Azurite Table service (no Blob or Queue) from this project's node_modules on
 * 127.0.0.1 with telemetry off, and resolves once its port accepts connections.
 * Output of the child goes to `<dataDir>/azurite-table.log`, never to our stdout.
 * @throws Error when Azurite is not installed, exits early or does not accept connections in time.
 */
export async function startAzurite(options: StartAzuriteOptions): Promise<AzuriteProcess> {
  if (!existsSync(tableMain)) {
    throw new Error(`Azurite is not installed at ${tableMain}; run npm install in ${projectRoot}.`);
  }
  mkdirSync(options.dataDir, { recursive: true });

  // A free port can be taken by someone else between probing and binding. Retry a few times.
  const attempts = options.tablePort ? 1 : 3;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const port = options.tablePort || (await findFreePort());
    try {
      return await launch(options, port);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

async function launch(options: StartAzuriteOptions, port: number): Promise<AzuriteProcess> {
  const args = [
    tableMain,
    "--disableTelemetry",
    "--tableHost", "127.0.0.1",
    "--tablePort", String(port),
    "--skipApiVersionCheck",
  ];
  // Azurite refuses --location together with --inMemoryPersistence.
  args.push(...(options.inMemory ? ["--inMemoryPersistence"] : ["--location", options.dataDir]));

  const logFd = openSync(path.join(options.dataDir, "azurite-table.log"), "a");
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, args, { cwd: options.dataDir, stdio: ["ignore", logFd, logFd] });
  } finally {
    closeSync(logFd);
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  if (child.pid === undefined) {
    throw new Error(`Azurite did not start; see ${path.join(options.dataDir, "azurite-table.log")}.`);
  }
  const pid = child.pid;

  // Stops the child when this process exits without calling close(), so no server is left behind.
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(pid, "SIGKILL");
  };
  process.once("exit", killOnExit);

  const close = async (): Promise<void> => {
    process.off("exit", killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    // Azurite 3.35 saves its tables to disk on SIGINT only, so SIGTERM would drop recent writes.
    process.kill(pid, "SIGINT");
    const timer = setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) process.kill(pid, "SIGKILL");
    }, 10_000);
    await exited;
    clearTimeout(timer);
  };

  try {
    await waitForPort(port, exited, options.startTimeoutMs ?? 30_000);
  } catch (error) {
    await close();
    const log = path.join(options.dataDir, "azurite-table.log");
    throw new Error(`Azurite Table on 127.0.0.1:${port} did not start: ${(error as Error).message}; see ${log}.`, {
      cause: error,
    });
  }

  const connectionString =
    `DefaultEndpointsProtocol=http;AccountName=${devAccountName};AccountKey=${devAccountKey};` +
    `TableEndpoint=http://127.0.0.1:${port}/${devAccountName};`;
  return { connectionString, tablePort: port, pid, close };
}

/** Asks the OS for a free port on 127.0.0.1 by binding port 0 and closing again. */
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("no free port found"))));
    });
  });
}

/** Polls until a TCP connection to the port succeeds, the process exits, or time runs out. */
async function waitForPort(port: number, exited: Promise<void>, timeoutMs: number): Promise<void> {
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  const deadline = Date.now() + timeoutMs;

  while (Date.now() < deadline) {
    if (hasExited) throw new Error("the process exited");
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the port did not accept connections within ${timeoutMs} ms`);
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => {
      socket.destroy();
      resolve(false);
    });
  });
}
