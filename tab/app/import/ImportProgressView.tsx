import { Button, Field, ProgressBar, Text } from "@fluentui/react-components";
import type { ApiClient } from "../api/client.js";
import { ErrorMessage } from "../common/ErrorMessage.js";
import { useDownload } from "../common/useDownload.js";
import { ReportTable } from "./ReportTable.js";
import { useImportProgress } from "./useImportProgress.js";

/** Props of {@link ImportProgressView}. */
export interface ImportProgressViewProps {
  client: ApiClient;
  jobId: string;
  onShowInventory: () => void;
}

/** A live progress bar with counts per step; once finished, the failed rows and the results download. */
export function ImportProgressView({ client, jobId, onShowInventory }: ImportProgressViewProps) {
  const { progress, report, error, notFound } = useImportProgress(client, jobId);
  const results = useDownload(client);

  if (notFound) {
    return (
      <ErrorMessage
        title="Import not found"
        message={`No import has the job id ${jobId}. Check the link, or upload the seed file again to start a new import.`}
      />
    );
  }
  if (progress?.state === "draft") {
    return (
      <ErrorMessage
        title="Import not started"
        message={`Import ${jobId} of ${progress.fileName} was checked but never started, so it has no results. Upload the file again and start the import.`}
      />
    );
  }

  const total = progress?.totalRows ?? 0;
  const done = progress?.steps.done ?? 0;
  const finished = report !== undefined;
  const failedRows = report?.rows.filter((row) => row.outcome === "failed") ?? [];

  return (
    <section aria-label="Import progress" style={{ display: "flex", flexDirection: "column", gap: 12 }}>
      <Field
        label={`Import of ${progress?.fileName ?? "the file"}: ${progress?.state ?? "starting"}`}
        validationState={progress?.state === "failed" ? "error" : finished ? "success" : "none"}
        validationMessage={`${done} of ${total} rows finished`}
      >
        <ProgressBar value={total > 0 ? done / total : undefined} max={1} thickness="large" />
      </Field>
      {progress && (
        <Text aria-live="polite" aria-label="Counts per step">
          Created {progress.steps.created} · Assigned {progress.steps.assigned} · Activated {progress.steps.activated} · Skipped{" "}
          {progress.steps.skipped} · Failed {progress.steps.failed}
        </Text>
      )}
      <ErrorMessage title="Progress could not be read" message={error} />
      {finished && (
        <>
          <Text role="status" weight="semibold">
            Import {report.state ?? progress?.state}: {report.counts.total} rows, {failedRows.length} failed.
          </Text>
          <div style={{ display: "flex", gap: 8 }}>
            <Button appearance="primary" onClick={() => results.download(`/api/imports/${encodeURIComponent(jobId)}/report.csv`, `import-${jobId}-report.csv`)}>
              Download results (CSV)
            </Button>
            <Button onClick={onShowInventory}>Show the inventory</Button>
          </div>
          <ErrorMessage title="Download failed" message={results.error} />
          {failedRows.length > 0 && <ReportTable rows={failedRows} label="Failed rows" allowProblemFilter={false} />}
        </>
      )}
    </section>
  );
}
