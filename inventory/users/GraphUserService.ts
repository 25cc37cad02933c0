import type { GraphGateway } from "../graph/GraphGateway.js";
import type { AssignableUser, UserService } from "../Inventory.js";
import { checkAssignable } from "./UserResolver.js";

/** User search for the assign picker; guests and disabled accounts come back marked as not assignable. */
export class GraphUserService implements UserService {
  constructor(private readonly graph: GraphGateway) {}

  async search(prefix: string, top = 20): Promise<AssignableUser[]> {
    const text = prefix.trim();
    if (text === "") return [];

    const users = await this.graph.searchUsers(text, Math.min(Math.max(top, 1), 50));
    return users.map((user) => {
      const check = checkAssignable(user);
      return check.ok ? { ...user, assignable: true } : { ...user, assignable: false, reason: check.message };
    });
  }
}
