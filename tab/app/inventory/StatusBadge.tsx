import { Badge, type BadgeProps } from "@fluentui/react-components";
import type { DeviceStatus } from "../api/types.js";

const appearance: Record<DeviceStatus, { color: BadgeProps["color"]; label: string }> = {
  available: { color: "informative", label: "Available" },
  assigned: { color: "warning", label: "Assigned" },
  activated: { color: "success", label: "Activated" },
  failedActivation: { color: "danger", label: "Activation failed" },
};

/** A token's status as a coloured badge with a text label (colour is never the only cue). */
export function StatusBadge({ status }: { status: DeviceStatus }) {
  const { color, label } = appearance[status] ?? { color: "subtle", label: status };
  return (
    <Badge appearance="tint" color={color}>
      {label}
    </Badge>
  );
}
