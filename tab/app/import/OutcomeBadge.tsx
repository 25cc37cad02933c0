import { Badge, type BadgeProps } from "@fluentui/react-components";
import type { RowOutcome } from "../api/types.js";

const colors: Record<RowOutcome, BadgeProps["color"]> = {
  valid: "brand",
  created: "informative",
  assigned: "warning",
  activated: "success",
  skipped: "subtle",
  failed: "danger",
};

/** A row's verdict or outcome as a badge that also carries the word. */
export function OutcomeBadge({ outcome }: { outcome: RowOutcome }) {
  return (
    <Badge appearance="tint" color={colors[outcome] ?? "subtle"}>
      {outcome}
    </Badge>
  );
}
