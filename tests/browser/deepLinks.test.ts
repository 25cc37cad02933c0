import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../inventory/config.js";
import type { ImportReport } from "../../inventory/Inventory.js";
import { launchBrowser, type TestBrowser } from "./support/browser.js";
import { startTestHost } from "./support/host.js";
import { importThroughApi, sandboxToken } from "./support/tabApi.js";

const sampleFile = path.join(projectRoot, "samples", "token2-classic.csv");
/** A row whose user is not in the sandbox directory, so the import report has a failed row. */
const unknownUserRow = "nobody@northwind.example,1100009999999,S7MYSFEHTNZXVV3LVOXCSLKGMVQJKIEY,30,Token2,C202";

let host: Awaited<ReturnType<typeof startTestHost>>;
let browser: TestBrowser;
let report: ImportReport;
let serial: string;

beforeAll(async () => {
  host = await startTestHost();
  browser = await launchBrowser();

  const sample = await readFile(sampleFile, "utf8");
  serial = sample.split(/\r?\n/)[1]!.split(",")[1]!;
  const token = await sandboxToken(host.url, "ada.alvarez@northwind.example");
  report = await importThroughApi(host.url, token, { name: "token2-classic-plus-unknown-user.csv", csv: `${sample.trimEnd()}\n${unknownUserRow}\n` }, "activate");
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

describe("links into the admin tab", () => {
  it("keeps a serial link through sandbox sign-in picked without typing", async () => {
    const { page } = browser;
    expect(serial).toMatch(/^\d{13}$/);

    await page.goto(`${host.url}/?serial=${encodeURIComponent(serial)}`);
    await page.getByText(`This link opens token ${serial} after you sign in below.`).waitFor();

    await page.getByRole("combobox", { name: /sandbox directory user/ }).click();
    await page.getByRole("option", { name: /Ada Alvarez/ }).click();
    await page.getByRole("button", { name: "Sign in to the sandbox" }).click();
    await page.getByText("Ada Alvarez (ada.alvarez@northwind.example)").waitFor();

    expect(new URL(page.url()).searchParams.get("serial")).toBe(serial);
    expect(await page.getByRole("tab", { name: "Inventory" }).getAttribute("aria-selected")).toBe("true");
    expect(await page.getByRole("searchbox", { name: "Serial number" }).inputValue()).toBe(serial);
    await page.getByRole("button", { name: `Unassign ${serial}` }).waitFor();
    const rows = page.getByRole("grid", { name: "Tokens" }).getByRole("row");
    expect(await rows.count()).toBe(2);
    expect(await rows.nth(1).textContent()).toContain(serial);
    await browser.screenshot("20-serial-link");
  });

  it("opens the report of an import link", async () => {
    const { page } = browser;
    const failed = report.rows.filter((row) => row.outcome === "failed");
    expect(report.state).toBe("completed");
    expect(failed.map((row) => row.serialNumber)).toEqual(["1100009999999"]);

    await page.goto(`${host.url}/?import=${encodeURIComponent(report.jobId!)}`);

    await page.getByText(`Import completed: ${report.counts.total} rows, 1 failed.`).waitFor();
    expect(await page.getByRole("tab", { name: "Import" }).getAttribute("aria-selected")).toBe("true");
    const failedRows = page.getByRole("table", { name: "Failed rows" }).getByRole("row");
    expect(await failedRows.count()).toBe(2);
    expect(await failedRows.nth(1).textContent()).toContain("1100009999999");
    expect(await failedRows.nth(1).textContent()).toContain("No user nobody@northwind.example exists in the tenant.");
    await browser.screenshot("21-import-link");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download results (CSV)" }).click()]);
    expect(download.suggestedFilename()).toBe(`import-${report.jobId}-report.csv`);
    const csv = await readFile((await download.path())!, "utf8");
    expect(csv).toContain(serial);
    expect(csv).toContain("1100009999999");
  });

  it("reports an unknown import job id in an alert", async () => {
    const { page } = browser;

    await page.goto(`${host.url}/?import=no-such-job`);

    const alert = page.getByRole("alert").filter({ hasText: "Import not found" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("No import has the job id no-such-job.");
    await page.getByRole("button", { name: "Import another file" }).waitFor();
    await browser.screenshot("22-unknown-import");
  });

  it("reports an invalid link value in an alert", async () => {
    const { page } = browser;

    await page.goto(`${host.url}/?import=${encodeURIComponent("../../etc")}`);

    const alert = page.getByRole("alert").filter({ hasText: "The link cannot be opened" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The import job id "../../etc" in the link is invalid');
    expect(await page.getByRole("tab", { name: "Inventory" }).getAttribute("aria-selected")).toBe("true");
  });

  it("forgets the link once another page is chosen", async () => {
    const { page } = browser;
    await page.goto(`${host.url}/?serial=${encodeURIComponent(serial)}`);
    await page.getByRole("button", { name: `Unassign ${serial}` }).waitFor();

    await page.getByRole("tab", { name: "Logs" }).click();
    await page.getByRole("tab", { name: "Inventory" }).click();

    expect(await page.getByRole("searchbox", { name: "Serial number" }).inputValue()).toBe("");
  });

  it("sent no request off the machine", () => {
    expect(browser.blocked).toEqual([]);
  });
});
