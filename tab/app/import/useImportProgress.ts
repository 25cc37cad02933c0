import { useEffect, useState } from "react";
import { ApiError } from "../api/ApiError.js";
import type { ApiClient } from "../api/client.js";
import type { ImportProgress, ImportReport } from "../api/types.js";

/** How often the progress of a running import is read. */
const pollIntervalMs = 1_000;

const isFinished = (progress: ImportProgress) => progress.state === "completed" || progress.state === "failed";

/**
 * Polls an import job until it finishes, then loads its final report. Polling stops early when
 * the server has no such job (`notFound`) or the job is a draft that nobody started, because
 * neither changes by waiting.
 */
export function useImportProgress(client: ApiClient, jobId: string | undefined) {
  const [progress, setProgress] = useState<ImportProgress>();
  const [report, setReport] = useState<ImportReport>();
  const [error, setError] = useState<string>();
  const [notFound, setNotFound] = useState(false);

  useEffect(() => {
    if (!jobId) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const path = `/api/imports/${encodeURIComponent(jobId)}`;

    const poll = async () => {
      try {
        const current = await client.get<ImportProgress>(path);
        if (cancelled) return;
        setProgress(current);
        setError(undefined);
        if (current.state === "draft") return;
        if (isFinished(current)) {
          setReport(await client.get<ImportReport>(`${path}/report`));
          return;
        }
      } catch (reason) {
        if (cancelled) return;
        if (reason instanceof ApiError && reason.status === 404) {
          setNotFound(true);
          return;
        }
        // Keep polling: a dropped request does not stop the import on the server.
        setError(reason instanceof Error ? reason.message : String(reason));
      }
      timer = setTimeout(() => void poll(), pollIntervalMs);
    };

    void poll();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [client, jobId]);

  return { progress, report, error, notFound };
}
