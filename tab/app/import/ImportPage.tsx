import { Button, MessageBar, MessageBarBody, Text, Title3 } from "@fluentui/react-components";
import { useState } from "react";
import type { ApiClient } from "../api/client.js";
import type { ImportProgress, ImportReport } from "../api/types.js";
import { ErrorMessage } from "../common/ErrorMessage.js";
import { FileDropZone } from "./FileDropZone.js";
import { ImportOptionsForm, type ImportChoices } from "./ImportOptionsForm.js";
import { ImportProgressView } from "./ImportProgressView.js";
import { ReportTable } from "./ReportTable.js";

/** Largest file the server accepts (it returns 413 beyond it); checked here first to save the upload. */
const maxFileBytes = 5 * 1024 * 1024;

/** Props of {@link ImportPage}. */
export interface ImportPageProps {
  client: ApiClient;
  /** Job to show at once (its progress, then its report), from a link into the tab. */
  initialJobId?: string;
  onShowInventory: () => void;
}

/**
 * The import flow: choose a file and a mode, check every row (nothing is written yet), confirm,
 * then follow the job until it finishes.
 */
export function ImportPage({ client, initialJobId, onShowInventory }: ImportPageProps) {
  const [file, setFile] = useState<File>();
  const [choices, setChoices] = useState<ImportChoices>({ mode: "activate", keepSeeds: false, secretEncoding: "" });
  const [preview, setPreview] = useState<ImportReport>();
  const [jobId, setJobId] = useState<string | undefined>(initialJobId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const chooseFile = (chosen: File) => {
    setPreview(undefined);
    setError(chosen.size > maxFileBytes ? `${chosen.name} is larger than 5 MB. Split it and import the parts one by one.` : undefined);
    setFile(chosen);
  };

  const check = async () => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const query = { mode: choices.mode, keepSeeds: choices.keepSeeds, secretEncoding: choices.secretEncoding || undefined };
      setPreview(await client.upload<ImportReport>("/api/imports", file, query));
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setBusy(false);
    }
  };

  const start = async () => {
    if (!preview?.jobId) return;
    setBusy(true);
    try {
      const progress = await client.post<ImportProgress>(`/api/imports/${encodeURIComponent(preview.jobId)}/start`);
      setJobId(progress.jobId);
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setBusy(false);
    }
  };

  const restart = () => {
    setFile(undefined);
    setPreview(undefined);
    setJobId(undefined);
    setError(undefined);
  };

  if (jobId) {
    return (
      <div style={{ display: "flex", flexDirection: "column", gap: 12 }}>
        <ImportProgressView client={client} jobId={jobId} onShowInventory={onShowInventory} />
        <Button onClick={restart} style={{ alignSelf: "start" }}>
          Import another file
        </Button>
      </div>
    );
  }

  const validRows = preview?.counts.valid ?? 0;
  return (
    <section aria-label="Import" style={{ display: "flex", flexDirection: "column", gap: 16 }}>
      <FileDropZone file={file} onFile={chooseFile} />
      <ImportOptionsForm
        choices={choices}
        onChange={(next) => {
          setChoices(next);
          setPreview(undefined);
        }}
      />
      <Button appearance={preview ? "secondary" : "primary"} disabled={!file || busy || (file?.size ?? 0) > maxFileBytes} onClick={() => void check()} style={{ alignSelf: "start" }}>
        {busy && !preview ? "Checking…" : "Check file"}
      </Button>
      <ErrorMessage title={preview ? "The import could not start" : "The file could not be checked"} message={error} />
      {preview && (
        <>
          <Title3 as="h2">Preview: nothing has been sent to Entra ID yet</Title3>
          <Text role="status">
            {preview.counts.total} {preview.counts.total === 1 ? "row" : "rows"}: {validRows} valid, {preview.counts.failed} with problems,{" "}
            {preview.counts.skipped} skipped.
            {preview.columns.unknown.length > 0 && ` Ignored columns: ${preview.columns.unknown.join(", ")}.`}
          </Text>
          {(preview.warnings ?? []).map((warning) => (
            <MessageBar key={warning} intent="warning">
              <MessageBarBody>{warning}</MessageBarBody>
            </MessageBar>
          ))}
          <ReportTable rows={preview.rows} label="Preview" />
          <div style={{ display: "flex", gap: 8 }}>
            <Button appearance="primary" disabled={validRows === 0 || busy || !preview.jobId} onClick={() => void start()}>
              Start import of {validRows} row(s)
            </Button>
            <Button onClick={restart}>Choose another file</Button>
          </div>
        </>
      )}
    </section>
  );
}
