import * as z from "zod/mini";

// The same rules as serialNumberSchema and jobIdSchema in tab/api/routes/schemas.ts, written with
// zod/mini because importing the full zod API grew the minified tab bundle from 720 kB to 1017 kB
// (Vite 8 build). A test checks that both versions accept and reject the same values.

/** Serial number in a link: printable text without control characters, at most 128 characters. */
export const linkSerialNumberSchema = z.string().check(
  z.trim(),
  z.minLength(1, "a serial number is required"),
  z.maxLength(128, "a serial number has at most 128 characters"),
  z.regex(/^[^\u0000-\u001f\u007f-\u009f]+$/, "a serial number cannot contain control characters"),
);

/** Import job id in a link, as the service creates it. */
export const linkJobIdSchema = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, "a job id has 1 to 64 letters, digits, '-' or '_'"));

/**
 * Target of a link into the tab: the inventory filtered on one serial number, one import job,
 * nothing (the tab opens as usual), or a value that failed validation.
 */
export type DeepLink =
  | { kind: "none" }
  | { kind: "serial"; serialNumber: string }
  | { kind: "import"; jobId: string }
  | { kind: "invalid"; message: string };

/** Prefixes of the Teams `subEntityId` (read as `page.subPageId`), for example `serial:1100000004256`. */
const subPagePrefixes = { serial: "serial:", import: "import:" } as const;

/**
 * Parses a link into the tab. A browser link carries `?serial=<serial>` or `?import=<jobId>`;
 * a Teams deep link carries `serial:<serial>` or `import:<jobId>` as its `subEntityId`, which
 * teams-js returns as `page.subPageId`. The query string wins when both are present. Values are
 * checked with the API's rules, so a value that the API would reject is reported here.
 */
export function parseDeepLink(search: string, subPageId?: string): DeepLink {
  const query = new URLSearchParams(search);
  const serial = query.get("serial");
  const jobId = query.get("import");

  if (serial !== null && jobId !== null) {
    return { kind: "invalid", message: "The link has both serial and import. Open a link with only one of them." };
  }
  if (serial !== null) return serialLink(serial);
  if (jobId !== null) return importLink(jobId);

  if (subPageId?.startsWith(subPagePrefixes.serial)) return serialLink(subPageId.slice(subPagePrefixes.serial.length));
  if (subPageId?.startsWith(subPagePrefixes.import)) return importLink(subPageId.slice(subPagePrefixes.import.length));
  return { kind: "none" };
}

/** Maximum length of an invalid value quoted in a message. */
const maxQuotedLength = 80;

function quote(value: string): string {
  return JSON.stringify(value.length > maxQuotedLength ? `${value.slice(0, maxQuotedLength)}…` : value);
}

function serialLink(value: string): DeepLink {
  const parsed = linkSerialNumberSchema.safeParse(value);
  if (parsed.success) return { kind: "serial", serialNumber: parsed.data };
  const reason = parsed.error.issues[0]?.message ?? "it is not a serial number";
  return { kind: "invalid", message: `The serial number ${quote(value)} in the link is invalid: ${reason}. Check the link, or search for the token on the Inventory page.` };
}

function importLink(value: string): DeepLink {
  const parsed = linkJobIdSchema.safeParse(value.trim());
  if (parsed.success) return { kind: "import", jobId: parsed.data };
  const reason = parsed.error.issues[0]?.message ?? "it is not a job id";
  return { kind: "invalid", message: `The import job id ${quote(value)} in the link is invalid: ${reason}. Check the link, or find the import in the helpdesk card that reported it.` };
}
