import type { Server } from "restify";
import { z } from "zod";
import type { AuditQuery, AuditRecord } from "../../../inventory/Inventory.js";
import { toCsv, type CsvColumn } from "../../../inventory/csv.js";
import { handle } from "../http/handle.js";
import { parseQuery } from "../http/validation.js";
import type { RouteContext } from "./context.js";
import { filterTextSchema, positiveIntegerSchema } from "./schemas.js";

/** Maximum rows of one CSV export; narrow the time range to export more. */
export const maxAuditExportRows = 50_000;

const instantSchema = z
  .string()
  .trim()
  .refine((value) => /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(Date.parse(value)), {
    message: "use an ISO 8601 date or date-time, for example 2026-01-01T00:00:00Z",
  })
  .transform((value) => new Date(value));

const filterFields = {
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  actor: filterTextSchema(256),
  action: filterTextSchema(64),
  serial: filterTextSchema(128),
  outcome: filterTextSchema(64),
};

const fromBeforeTo = (query: { from?: Date; to?: Date }) => !query.from || !query.to || query.from <= query.to;
const fromBeforeToIssue = { message: "from must not be later than to", path: ["from"] };

const listQuerySchema = z
  .object({
    ...filterFields,
    pageSize: positiveIntegerSchema(500).default(100),
    continuationToken: z.string().max(2048, "continuationToken has at most 2048 characters").optional(),
  })
  .refine(fromBeforeTo, fromBeforeToIssue);

const exportQuerySchema = z.object(filterFields).refine(fromBeforeTo, fromBeforeToIssue);

const auditColumns: CsvColumn<AuditRecord>[] = [
  { header: "time", value: (record) => record.time },
  { header: "actor", value: (record) => record.actor },
  { header: "action", value: (record) => record.action },
  { header: "serialNumber", value: (record) => record.serialNumber },
  { header: "targetUser", value: (record) => record.targetUser },
  { header: "outcome", value: (record) => record.outcome },
  { header: "reason", value: (record) => record.reason },
  { header: "jobId", value: (record) => record.jobId },
];

/** Maps the API's filter names to the audit service's query. */
function toAuditQuery(query: z.output<typeof exportQuerySchema>): AuditQuery {
  return {
    from: query.from,
    to: query.to,
    actor: query.actor,
    action: query.action,
    serialNumber: query.serial,
    outcome: query.outcome,
  };
}

/** Mounts the paged audit log and its CSV export. */
export function registerAuditRoutes(server: Server, context: RouteContext): void {
  const { inventory, authenticator, logger } = context;

  server.get(
    "/api/audit",
    handle(logger, async (req, res) => {
      await authenticator.requireAdmin(req);
      const query = parseQuery(req, listQuerySchema);
      const page = await inventory.audit.list({
        ...toAuditQuery(query),
        pageSize: query.pageSize,
        continuationToken: query.continuationToken,
      });
      res.send(200, page);
    }),
  );

  server.get(
    "/api/audit.csv",
    handle(logger, async (req, res) => {
      await authenticator.requireAdmin(req);
      const filters = toAuditQuery(parseQuery(req, exportQuerySchema));

      const records: AuditRecord[] = [];
      let continuationToken: string | undefined;
      do {
        const page = await inventory.audit.list({ ...filters, pageSize: 1000, continuationToken });
        records.push(...page.items);
        continuationToken = page.continuationToken;
      } while (continuationToken && records.length < maxAuditExportRows);

      const truncated = records.length > maxAuditExportRows || continuationToken !== undefined;
      res.sendRaw(200, toCsv(records.slice(0, maxAuditExportRows), auditColumns), {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": 'attachment; filename="audit.csv"',
        "X-Export-Truncated": truncated ? "true" : "false",
      });
    }),
  );
}
