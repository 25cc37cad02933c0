import { readFile } from "node:fs/promises";
import { z } from "zod";

const directoryUserSchema = z.object({
  id: z.string().min(1),
  displayName: z.string(),
  userPrincipalName: z.string().min(1),
  userType: z.enum(["Member", "Guest"]).default("Member"),
  accountEnabled: z.boolean().default(true),
  mail: z.string().nullable().optional(),
  /** App roles of the product assigned to the user; they appear in the user's sign-in tokens. */
  appRoles: z.array(z.string()).default([]),
  /** Object ids of the groups the user belongs to, answered by `checkMemberGroups`. */
  memberOf: z.array(z.string()).default([]),
});

/** A user of the sandbox tenant, as loaded from the directory file. */
export type SandboxUser = z.infer<typeof directoryUserSchema>;

/** The users of the sandbox tenant, found by object id or user principal name. */
export class Directory {
  readonly users: readonly SandboxUser[];
  private readonly byKey = new Map<string, SandboxUser>();

  constructor(users: SandboxUser[]) {
    this.users = users;
    for (const user of users) {
      this.byKey.set(user.id.toLowerCase(), user);
      this.byKey.set(user.userPrincipalName.toLowerCase(), user);
    }
  }

  /** Finds a user by object id or user principal name, both compared case-insensitively as Entra does. */
  find(idOrUserPrincipalName: string): SandboxUser | undefined {
    return this.byKey.get(idOrUserPrincipalName.toLowerCase());
  }
}

/**
 * Loads the users from a JSON file shaped like `samples/directory.json`: an array of users with
 * id, displayName, userPrincipalName, userType, accountEnabled and optional appRoles.
 * @throws Error naming the file and the first invalid entry.
 */
export async function loadDirectory(directoryPath: string): Promise<Directory> {
  const parsed = z.array(directoryUserSchema).safeParse(JSON.parse(await readFile(directoryPath, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`The sandbox directory ${directoryPath} is invalid at ${issue?.path.join(".")}: ${issue?.message}. Fix the file.`);
  }
  return new Directory(parsed.data);
}
