import { Button, Spinner, Text, Toolbar } from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { ApiClient } from "../api/client.js";
import { ErrorMessage } from "../common/ErrorMessage.js";
import { useDownload } from "../common/useDownload.js";
import { AuditFilters, auditQueryOf, emptyAuditFilters, type AuditFilterValues } from "./AuditFilters.js";
import { AuditTable } from "./AuditTable.js";
import { useAudit } from "./useAudit.js";

/** The audit log with its filters, "load more" and CSV export of the filtered entries. */
export function LogsPage({ client }: { client: ApiClient }) {
  const [filters, setFilters] = useState<AuditFilterValues>(emptyAuditFilters);
  const query = useMemo(() => auditQueryOf(filters), [filters]);
  const audit = useAudit(client, query);
  const exported = useDownload(client);

  return (
    <section aria-label="Logs" style={{ display: "flex", flexDirection: "column", gap: 12 }}>
      <AuditFilters onApply={setFilters} />
      <Toolbar aria-label="Log actions">
        <Button onClick={audit.reload}>Refresh</Button>
        <Button onClick={() => exported.download("/api/audit.csv", "audit.csv", query)}>Export CSV</Button>
        {audit.loading && <Spinner size="tiny" label="Loading" />}
      </Toolbar>
      <ErrorMessage title="The audit log could not be loaded" message={audit.error} />
      <ErrorMessage title="Export failed" message={exported.error} />
      <Text aria-live="polite">{audit.records.length} entries shown</Text>
      <AuditTable records={audit.records} />
      {audit.hasMore && (
        <Button onClick={audit.loadMore} disabled={audit.loading} style={{ alignSelf: "start" }}>
          Load more
        </Button>
      )}
    </section>
  );
}
