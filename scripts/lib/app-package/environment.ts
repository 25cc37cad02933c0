import path from "node:path";
import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { z } from "zod";
import { ConfigurationError, ValidationError } from "../../../inventory/errors.js";

/** Prefix that Teams Toolkit gives every secret. Such values live only in `*.user` files. */
export const secretNamePrefix = "SECRET_";

const environmentNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, "use letters, digits, '-' or '_', as in the env/.env.<name> file names");

/** Options of {@link readEnvironmentValues}. */
export interface ReadEnvironmentValuesOptions {
  /** Teams Toolkit environment name: `local` reads env/.env.local. */
  envName: string;
  /** Folder that contains env/. */
  projectRoot: string;
}

/**
 * Reads the non-secret values of a Teams Toolkit environment: env/.env.<envName>, then
 * env/.env.<envName>.user when it exists. Values whose name starts with SECRET_ are dropped, so
 * that nothing read here can end up in the app package.
 * @throws ValidationError when the environment name is invalid.
 * @throws ConfigurationError when env/.env.<envName> does not exist.
 */
export function readEnvironmentValues(options: ReadEnvironmentValuesOptions): Record<string, string> {
  const parsedName = environmentNameSchema.safeParse(options.envName);
  if (!parsedName.success) {
    const reason = parsedName.error.issues[0]?.message ?? "invalid";
    throw new ValidationError("invalidEnvironmentName", `Invalid environment name "${options.envName}": ${reason}.`);
  }

  const environmentFile = path.join(options.projectRoot, "env", `.env.${parsedName.data}`);
  if (!existsSync(environmentFile)) {
    throw new ConfigurationError(
      "missingEnvironmentFile",
      `Environment file ${environmentFile} not found. Create it or pick an existing environment with --env.`,
    );
  }

  const userFile = `${environmentFile}.user`;
  const values = { ...readNonSecretValues(environmentFile) };
  if (existsSync(userFile)) Object.assign(values, readNonSecretValues(userFile));
  return values;
}

/**
 * Keeps the values that are not secrets, from any source of name/value pairs. Empty values are
 * kept only when `keepEmpty` is true: an empty line in an environment file defines the name, an
 * empty variable in the process environment should not hide the file's value.
 */
export function pickNonSecretValues(
  source: Record<string, string | undefined>,
  keepEmpty = false,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (name.startsWith(secretNamePrefix) || value === undefined) continue;
    if (value === "" && !keepEmpty) continue;
    values[name] = value;
  }
  return values;
}

function readNonSecretValues(file: string): Record<string, string> {
  return pickNonSecretValues(parseEnv(readFileSync(file, "utf8")), true);
}
