import { setTimeout as sleep } from "node:timers/promises";
import type { ImportMode } from "../../../inventory/types.js";
import type { ImportProgress, ImportReport } from "../../../inventory/Inventory.js";

async function expectOk(response: Response, operation: string): Promise<Response> {
  if (!response.ok) throw new Error(`${operation} failed with HTTP ${response.status}: ${await response.text()}`);
  return response;
}

/** Gets a sandbox token for a directory user through POST /api/sandbox/signin. */
export async function sandboxToken(hostUrl: string, userPrincipalName: string): Promise<string> {
  const response = await fetch(`${hostUrl}/api/sandbox/signin`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ userPrincipalName }),
  });
  return ((await (await expectOk(response, "Sandbox sign-in")).json()) as { accessToken: string }).accessToken;
}

/**
 * Uploads a seed file through the tab API, starts the job and waits until it finishes, as the
 * Import page does. Returns the final report.
 */
export async function importThroughApi(hostUrl: string, token: string, file: { name: string; csv: string }, mode: ImportMode, timeoutMs = 60_000): Promise<ImportReport> {
  const headers = { authorization: `Bearer ${token}` };
  const query = new URLSearchParams({ fileName: file.name, mode });
  const upload = await fetch(`${hostUrl}/api/imports?${query}`, { method: "POST", headers: { ...headers, "content-type": "text/csv" }, body: file.csv });
  const { jobId } = (await (await expectOk(upload, "Upload")).json()) as ImportReport;
  if (!jobId) throw new Error("The upload returned no job id.");

  const jobPath = `${hostUrl}/api/imports/${encodeURIComponent(jobId)}`;
  await expectOk(await fetch(`${jobPath}/start`, { method: "POST", headers }), "Start");

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const progress = (await (await expectOk(await fetch(jobPath, { headers }), "Progress")).json()) as ImportProgress;
    if (progress.state === "completed" || progress.state === "failed") break;
    if (Date.now() > deadline) throw new Error(`Import ${jobId} is still ${progress.state} after ${timeoutMs} ms.`);
    await sleep(250);
  }
  return (await (await expectOk(await fetch(`${jobPath}/report`, { headers }), "Report")).json()) as ImportReport;
}
