import { Badge, Checkbox, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Tooltip } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { ImportReportRow } from "../api/types.js";
import { Pager } from "../common/Pager.js";
import { OutcomeBadge } from "./OutcomeBadge.js";

const pageSize = 100;
const hashLabels: Record<string, string> = { hmacsha1: "SHA-1", hmacsha256: "SHA-256" };

/** Props of {@link ReportTable}. */
export interface ReportTableProps {
  rows: ImportReportRow[];
  /** Accessible name, for example "Preview" or "Failed rows". */
  label: string;
  /** Offer the "only rows with problems" switch. @default true */
  allowProblemFilter?: boolean;
}

/**
 * Rows of an import report: verdict, serial, user, values taken from the file or inferred, and the
 * reason for each failure. Pages on the client, because a 10,000-row file arrives in one report.
 */
export function ReportTable({ rows, label, allowProblemFilter = true }: ReportTableProps) {
  const [problemsOnly, setProblemsOnly] = useState(false);
  const [page, setPage] = useState(1);

  const visible = useMemo(
    () => (problemsOnly ? rows.filter((row) => row.outcome === "failed" || row.outcome === "skipped") : rows),
    [rows, problemsOnly],
  );
  const pageRows = visible.slice((page - 1) * pageSize, page * pageSize);

  return (
    <div style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      {allowProblemFilter && (
        <Checkbox
          label="Show only rows with problems"
          checked={problemsOnly}
          onChange={(_event, data) => {
            setProblemsOnly(data.checked === true);
            setPage(1);
          }}
        />
      )}
      <Table aria-label={label} size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Row</TableHeaderCell>
            <TableHeaderCell>Verdict</TableHeaderCell>
            <TableHeaderCell>Serial number</TableHeaderCell>
            <TableHeaderCell>User</TableHeaderCell>
            <TableHeaderCell>Hash</TableHeaderCell>
            <TableHeaderCell>Interval</TableHeaderCell>
            <TableHeaderCell>Reason</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {pageRows.map((row) => (
            <TableRow key={row.row}>
              <TableCell>{row.row}</TableCell>
              <TableCell>
                <OutcomeBadge outcome={row.outcome} />
              </TableCell>
              <TableCell>{row.serialNumber}</TableCell>
              <TableCell>{row.userDisplayName ? `${row.userDisplayName} (${row.upn})` : (row.upn ?? "—")}</TableCell>
              <TableCell>
                {row.hashFunction ? (hashLabels[row.hashFunction] ?? row.hashFunction) : "—"}
                {row.hashInferred && (
                  <Tooltip content="Not in the file: inferred from the seed length" relationship="description">
                    <Badge appearance="outline" size="small" style={{ marginLeft: 4 }}>
                      inferred
                    </Badge>
                  </Tooltip>
                )}
              </TableCell>
              <TableCell>{row.timeIntervalInSeconds ? `${row.timeIntervalInSeconds} s` : "—"}</TableCell>
              <TableCell>{row.error?.message ?? ""}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {visible.length > pageSize && <Pager page={page} pageSize={pageSize} total={visible.length} onPageChange={setPage} />}
    </div>
  );
}
