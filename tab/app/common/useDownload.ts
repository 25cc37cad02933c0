import { useCallback, useState } from "react";
import type { ApiClient, QueryParams } from "../api/client.js";

/** Downloads a file through the API and keeps the error of the last attempt for display. */
export function useDownload(client: ApiClient) {
  const [error, setError] = useState<string>();
  const download = useCallback(
    (path: string, fileName: string, query?: QueryParams) => {
      setError(undefined);
      client.download(path, fileName, query).catch((reason: unknown) => setError(reason instanceof Error ? reason.message : String(reason)));
    },
    [client],
  );
  return { download, error };
}
