import { useCallback, useEffect, useState } from "react";
import type { ApiClient } from "../api/client.js";
import type { AuditRecord } from "../api/types.js";

interface AuditPage {
  items: AuditRecord[];
  continuationToken?: string;
}

const pageSize = 100;

/** Loads the audit log for a filter, newest first, with "load more" through the continuation token. */
export function useAudit(client: ApiClient, query: Record<string, string | undefined>) {
  const [records, setRecords] = useState<AuditRecord[]>([]);
  const [continuationToken, setContinuationToken] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string>();

  const load = useCallback(
    async (after: string | undefined) => {
      setLoading(true);
      try {
        const page = await client.get<AuditPage>("/api/audit", { ...query, pageSize, continuationToken: after });
        setRecords((current) => (after ? [...current, ...page.items] : page.items));
        setContinuationToken(page.continuationToken);
        setError(undefined);
      } catch (reason) {
        setError(reason instanceof Error ? reason.message : String(reason));
      } finally {
        setLoading(false);
      }
    },
    [client, query],
  );

  useEffect(() => {
    void load(undefined);
  }, [load]);

  return { records, loading, error, hasMore: continuationToken !== undefined, loadMore: () => void load(continuationToken), reload: () => void load(undefined) };
}
