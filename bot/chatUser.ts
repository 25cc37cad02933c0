import type { Activity } from "botbuilder";
import type { ChatUser } from "../inventory/activation/types.js";

/**
 * Reads the person from the activity: Teams puts the Entra object id in `from.aadObjectId` and the
 * tenant in `channelData.tenant.id` (or `conversation.tenantId`). Returns undefined when the
 * sender has no Entra identity (anonymous or another channel).
 */
export function chatUserOf(activity: Partial<Activity>): ChatUser | undefined {
  const aadObjectId = activity.from?.aadObjectId;
  if (!aadObjectId) return undefined;

  const channelTenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const tenantId = typeof channelTenant === "string" ? channelTenant : activity.conversation?.tenantId;
  return { aadObjectId, tenantId };
}
