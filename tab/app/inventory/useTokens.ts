import { useCallback, useEffect, useState } from "react";
import type { ApiClient } from "../api/client.js";
import type { DeviceStatus, TokenPage, TokenSortField } from "../api/types.js";

/** Filters, sort and page of the token list, all applied by the server. */
export interface TokenQuery {
  status?: DeviceStatus;
  serial: string;
  user: string;
  sort: TokenSortField;
  descending: boolean;
  page: number;
  pageSize: number;
}

export const initialTokenQuery: TokenQuery = { serial: "", user: "", sort: "serialNumber", descending: false, page: 1, pageSize: 50 };

/** Loads one page of tokens for a query and reloads it on demand. */
export function useTokens(client: ApiClient, query: TokenQuery) {
  const [data, setData] = useState<TokenPage>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    client
      .get<TokenPage>("/api/tokens", { ...query })
      .then(
        (page) => {
          if (cancelled) return;
          setData(page);
          setError(undefined);
        },
        (reason: unknown) => !cancelled && setError(reason instanceof Error ? reason.message : String(reason)),
      )
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [client, query, version]);

  const reload = useCallback(() => setVersion((value) => value + 1), []);
  return { data, error, loading, reload };
}
