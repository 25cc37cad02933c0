import path from "node:path";
import { randomBytes } from "node:crypto";
import { mkdir, rename, writeFile } from "node:fs/promises";

/**
 * Writes `text` to a temporary file beside `filePath` (mode 0600) and renames it over the target,
 * so a crash never leaves a half-written file.
 */
export async function writeFileAtomic(filePath: string, text: string): Promise<void> {
  await mkdir(path.dirname(filePath), { recursive: true });
  const temporaryPath = `${filePath}.${randomBytes(4).toString("hex")}.tmp`;
  await writeFile(temporaryPath, text, { mode: 0o600 });
  await rename(temporaryPath, filePath);
}
