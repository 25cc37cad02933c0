import type { Request, Server } from "restify";
import { z } from "zod";
import type { ImportReport, ImportReportRow } from "../../../inventory/Inventory.js";
import { actorOf } from "../auth/caller.js";
import { readRawBody } from "../http/body.js";
import { toCsv, type CsvColumn } from "../../../inventory/csv.js";
import { HttpError } from "../http/errors.js";
import { handle } from "../http/handle.js";
import { parseParams, parseQuery, parseWith } from "../http/validation.js";
import type { RouteContext } from "./context.js";
import { booleanFlagSchema, jobIdSchema } from "./schemas.js";

/** Largest seed file the tab accepts: 5 MB is far more than the 10,000 tokens of a big order. */
export const maxSeedFileBytes = 5 * 1024 * 1024;

/** Content types a browser or script may send a CSV or JSON seed file with. */
const acceptedUploadTypes = new Set([
  "text/csv",
  "application/json",
  "application/octet-stream",
  "text/plain",
  // Windows reports .csv files with this type when Excel is installed.
  "application/vnd.ms-excel",
]);

const uploadQuerySchema = z.object({
  mode: z.enum(["import", "assign", "activate"], { message: "use import, assign or activate" }).default("activate"),
  fileName: z.string().trim().min(1).max(255).optional(),
  keepSeeds: booleanFlagSchema.optional(),
  secretEncoding: z.enum(["base32", "hex"], { message: "use base32 or hex" }).optional(),
});

const fileNameSchema = z
  .string()
  .trim()
  .min(1, "the file name is required: pass ?fileName= or an X-File-Name header")
  .max(255, "a file name has at most 255 characters")
  .regex(/\.(csv|json|txt)$/i, "the file name must end in .csv, .json or .txt");

const jobParamsSchema = z.object({ jobId: jobIdSchema });

/** Reads the file name from the query, or from the (URL-encoded) X-File-Name header. */
function uploadedFileName(req: Request, fromQuery: string | undefined): string {
  const header = req.headers["x-file-name"];
  let fromHeader: string | undefined;
  if (typeof header === "string") {
    try {
      fromHeader = decodeURIComponent(header);
    } catch (error) {
      throw new HttpError(400, "invalidRequest", "The X-File-Name header must be URL-encoded (encodeURIComponent).", { cause: error });
    }
  }
  return parseWith(fileNameSchema, fromQuery ?? fromHeader ?? "", "query");
}

function checkUploadType(req: Request): void {
  const contentType = (req.headers["content-type"] ?? "application/octet-stream").split(";")[0]?.trim().toLowerCase() ?? "";
  if (acceptedUploadTypes.has(contentType)) return;
  throw new HttpError(
    415,
    "unsupportedMediaType",
    `Content-Type ${contentType} is not accepted for a seed file. Send the file itself as the body with text/csv, application/json or application/octet-stream (multipart forms are not accepted).`,
  );
}

const reportColumns: CsvColumn<ImportReportRow>[] = [
  { header: "row", value: (row) => row.row },
  { header: "serialNumber", value: (row) => row.serialNumber },
  { header: "upn", value: (row) => row.upn },
  { header: "userDisplayName", value: (row) => row.userDisplayName },
  { header: "outcome", value: (row) => row.outcome },
  { header: "hashFunction", value: (row) => row.hashFunction },
  { header: "hashInferred", value: (row) => (row.hashInferred ? "true" : "") },
  { header: "timeIntervalInSeconds", value: (row) => row.timeIntervalInSeconds },
  { header: "errorCode", value: (row) => row.error?.code },
  { header: "errorMessage", value: (row) => row.error?.message },
];

function jobNotFound(jobId: string): HttpError {
  return new HttpError(404, "jobNotFound", `No import job ${jobId}. Upload the file again to create a new job.`);
}

/** Mounts upload, start, progress and report routes for seed file imports. */
export function registerImportRoutes(server: Server, context: RouteContext): void {
  const { inventory, authenticator, logger } = context;

  server.post(
    "/api/imports",
    handle(logger, async (req, res) => {
      const caller = await authenticator.requireAdmin(req);
      const query = parseQuery(req, uploadQuerySchema);
      const fileName = uploadedFileName(req, query.fileName);
      checkUploadType(req);

      const content = await readRawBody(req, maxSeedFileBytes);
      if (content.length === 0) throw new HttpError(400, "emptyFile", `${fileName} is empty. Choose the seed file that the vendor sent.`);

      const report = await inventory.imports.createJob(
        { fileName, content },
        { mode: query.mode, keepSeeds: query.keepSeeds, secretEncoding: query.secretEncoding },
        actorOf(caller),
      );
      res.send(201, report);
    }),
  );

  server.get(
    "/api/imports",
    handle(logger, async (req, res) => {
      await authenticator.requireAdmin(req);
      res.send(200, { items: await inventory.imports.listJobs() });
    }),
  );

  server.post(
    "/api/imports/:jobId/start",
    handle(logger, async (req, res) => {
      const caller = await authenticator.requireAdmin(req);
      const { jobId } = parseParams(req, jobParamsSchema);
      res.send(202, await inventory.imports.start(jobId, actorOf(caller)));
    }),
  );

  server.get(
    "/api/imports/:jobId",
    handle(logger, async (req, res) => {
      await authenticator.requireAdmin(req);
      const { jobId } = parseParams(req, jobParamsSchema);
      const progress = await inventory.imports.getProgress(jobId);
      if (!progress) throw jobNotFound(jobId);
      res.send(200, progress);
    }),
  );

  server.get(
    "/api/imports/:jobId/report",
    handle(logger, async (req, res) => {
      await authenticator.requireAdmin(req);
      const { jobId } = parseParams(req, jobParamsSchema);
      const report = await inventory.imports.getReport(jobId);
      if (!report) throw jobNotFound(jobId);
      res.send(200, report);
    }),
  );

  server.get(
    "/api/imports/:jobId/report.csv",
    handle(logger, async (req, res) => {
      await authenticator.requireAdmin(req);
      const { jobId } = parseParams(req, jobParamsSchema);
      const report: ImportReport | undefined = await inventory.imports.getReport(jobId);
      if (!report) throw jobNotFound(jobId);
      res.sendRaw(200, toCsv(report.rows, reportColumns), {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="import-${jobId}-report.csv"`,
      });
    }),
  );
}
