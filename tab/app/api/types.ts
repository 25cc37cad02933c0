/** Shapes of the tab API's responses, shared with the service so that both sides stay in step. */
export type {
  AssignableUser,
  AuditRecord,
  ImportProgress,
  ImportReport,
  ImportReportRow,
  ServiceStatus,
  TokenPage,
  TokenSortField,
  TokenView,
} from "../../../inventory/Inventory.js";
export type { DeviceStatus, ImportMode, RowOutcome } from "../../../inventory/types.js";
export type { SessionInfo } from "../../api/routes/session.js";
