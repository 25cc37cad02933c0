import type { DeviceStatus } from "../api/types.js";

/** An action that an admin can take on one token. */
export type TokenAction = "assign" | "activate" | "unassign" | "delete";

/** Actions that make sense for a token in each status; the service still checks each one. */
export const actionsForStatus: Record<DeviceStatus, TokenAction[]> = {
  available: ["assign", "delete"],
  assigned: ["activate", "unassign", "delete"],
  activated: ["unassign", "delete"],
  failedActivation: ["activate", "unassign", "delete"],
};

export const actionLabels: Record<TokenAction, string> = {
  assign: "Assign",
  activate: "Activate",
  unassign: "Unassign",
  delete: "Delete",
};
