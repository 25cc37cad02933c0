import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import type { AuditRecord } from "../api/types.js";

/** Audit records as a table, one row per entry. */
export function AuditTable({ records }: { records: AuditRecord[] }) {
  return (
    <Table aria-label="Audit log" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Time</TableHeaderCell>
          <TableHeaderCell>Actor</TableHeaderCell>
          <TableHeaderCell>Action</TableHeaderCell>
          <TableHeaderCell>Serial number</TableHeaderCell>
          <TableHeaderCell>User</TableHeaderCell>
          <TableHeaderCell>Outcome</TableHeaderCell>
          <TableHeaderCell>Reason</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {records.map((record, index) => (
          <TableRow key={`${record.time}-${index}`}>
            <TableCell>{new Date(record.time).toLocaleString()}</TableCell>
            <TableCell>{record.actor}</TableCell>
            <TableCell>{record.action}</TableCell>
            <TableCell>{record.serialNumber ?? ""}</TableCell>
            <TableCell>{record.targetUser ?? ""}</TableCell>
            <TableCell>{record.outcome}</TableCell>
            <TableCell>{record.reason ?? ""}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
