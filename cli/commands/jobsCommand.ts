import { withInventory } from "../context.js";
import { formatTable } from "../output.js";

/** `jobs [--json]`: stored import jobs, so that an interrupted one can be resumed by id. */
export async function jobsCommand(options: { json?: boolean }): Promise<number> {
  return withInventory(undefined, async ({ inventory }) => {
    const jobs = await inventory.imports.listJobs();
    if (options.json) {
      process.stdout.write(JSON.stringify(jobs, null, 2) + "\n");
      return 0;
    }
    const rows = jobs.map((job) => [job.jobId, job.state, job.mode, job.fileName, `${job.steps.done}/${job.totalRows}`, String(job.steps.failed), job.createdAt]);
    process.stdout.write(formatTable(["job", "state", "mode", "file", "done", "failed", "created"], rows) + "\n");
    if (jobs.some((job) => job.state === "interrupted")) {
      process.stdout.write("\nResume an interrupted job with: token-inventory import --resume <job>\n");
    }
    return 0;
  });
}
