import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../inventory/config.js";
import { launchBrowser, type TestBrowser } from "./support/browser.js";
import { startTestHost } from "./support/host.js";

let host: Awaited<ReturnType<typeof startTestHost>>;
let browser: TestBrowser;
const sampleFile = path.join(projectRoot, "samples", "token2-classic.csv");

beforeAll(async () => {
  host = await startTestHost();
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await host?.close();
});

describe("admin tab in a browser against the sandbox", () => {
  it("shows what to do outside Teams within 5 seconds", async () => {
    const { page } = browser;

    await page.goto(host.url);
    // The wait's own limit is the requirement: the advice appears within 5 seconds or the test fails.
    await page.getByRole("heading", { name: "Open this app in Microsoft Teams" }).waitFor({ timeout: 5_000 });

    await page.getByRole("button", { name: "Sign in to the sandbox" }).waitFor();
    await browser.screenshot("01-outside-teams");
  });

  it("signs in as the sandbox admin", async () => {
    const { page } = browser;

    await page.getByRole("combobox", { name: /sandbox directory user/ }).pressSequentially("Ada");
    await page.getByRole("option", { name: /Ada Alvarez/ }).click();
    await page.getByRole("button", { name: "Sign in to the sandbox" }).click();

    await page.getByText("Ada Alvarez (ada.alvarez@northwind.example)").waitFor();
    await page.getByText("Sandbox tenant", { exact: true }).waitFor();
    await browser.screenshot("02-signed-in");
  });

  it("imports the sample seed file and sees it complete", async () => {
    const { page } = browser;
    await page.getByRole("tab", { name: "Import" }).click();

    await page.locator('input[type="file"]').setInputFiles(sampleFile);
    await page.getByRole("button", { name: "Check file" }).click();
    await page.getByRole("heading", { name: /Preview/ }).waitFor();
    const previewRows = await page.getByRole("table", { name: "Preview" }).getByRole("row").count();
    const fileRows = (await readFile(sampleFile, "utf8")).trim().split(/\r?\n/).length - 1;
    expect(previewRows - 1).toBe(fileRows);
    await browser.screenshot("03-import-preview");

    await page.getByRole("button", { name: /^Start import of/ }).click();
    await page.getByText(/^Import completed:/).waitFor({ timeout: 60_000 });

    const progress = await page.getByRole("progressbar").getAttribute("aria-valuenow");
    expect(Number(progress)).toBe(1);
    await browser.screenshot("04-import-completed");
  });

  let serial = "";

  it("assigns an available token to a user picked by search", async () => {
    const { page } = browser;
    await page.getByRole("tab", { name: "Inventory" }).click();
    await page.getByRole("combobox", { name: "Status" }).click();
    await page.getByRole("option", { name: "Available" }).click();

    const assignButton = page.getByRole("button", { name: /^Assign \S+$/ }).first();
    await assignButton.waitFor();
    serial = ((await assignButton.getAttribute("aria-label")) ?? "").replace(/^Assign /, "");
    expect(serial).not.toBe("");
    await assignButton.click();

    const dialog = page.getByRole("dialog");
    await dialog.getByRole("combobox", { name: "User" }).pressSequentially("chl");
    await page.getByRole("option", { name: /Chloé Alvarez/ }).click();
    await dialog.getByRole("button", { name: "Assign", exact: true }).click();

    await page.getByText(`Token ${serial} is assigned to Chloé Alvarez.`).waitFor();
    await browser.screenshot("05-assigned");
  });

  it("activates the token with a code from the stored seed", async () => {
    const { page } = browser;
    await page.getByRole("combobox", { name: "Status" }).click();
    await page.getByRole("option", { name: "All statuses" }).click();
    await page.getByRole("searchbox", { name: "Serial number" }).fill(serial);

    await page.getByRole("button", { name: `Activate ${serial}` }).click();
    const dialog = page.getByRole("dialog");
    const codeBox = dialog.getByRole("textbox", { name: /Verification code/ });
    expect(await codeBox.getAttribute("type")).toBe("text");
    await dialog.getByRole("radio", { name: "Generate from stored seed" }).check();
    await dialog.getByRole("button", { name: "Activate", exact: true }).click();

    await page.getByText(`Token ${serial} is activated.`).waitFor();
    await browser.screenshot("06-activated");
  });

  it("unassigns and deletes the token after confirmation", async () => {
    const { page } = browser;

    await page.getByRole("button", { name: `Unassign ${serial}` }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Unassign" }).click();
    await page.getByText("Unassigned 1 of 1 token(s).").waitFor();

    await page.getByRole("button", { name: `Delete ${serial}` }).click();
    const confirm = page.getByRole("alertdialog");
    await confirm.getByText(`Delete token ${serial}?`, { exact: false }).waitFor();
    await browser.screenshot("07-delete-confirmation");
    await confirm.getByRole("button", { name: "Delete" }).click();

    await page.getByText("Deleted 1 of 1 token(s).").waitFor();
    await page.getByRole("button", { name: `Delete ${serial}` }).waitFor({ state: "detached" });
  });

  it("filters the audit log by serial number and exports it", async () => {
    const { page } = browser;
    await page.getByRole("tab", { name: "Logs" }).click();

    await page.getByRole("textbox", { name: "Serial number" }).fill(serial);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForFunction(
      (wanted) => {
        const rows = [...document.querySelectorAll('table[aria-label="Audit log"] tbody tr')];
        return rows.length >= 4 && rows.every((row) => row.textContent?.includes(wanted));
      },
      serial,
      { timeout: 15_000 },
    );
    await browser.screenshot("08-audit-filtered");

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toBe("audit.csv");
    const csv = await readFile((await download.path())!, "utf8");
    expect(csv.split("\r\n")[0]).toBe("time,actor,action,serialNumber,targetUser,outcome,reason,jobId");
    expect(csv).toContain(serial);
  });

  it("sent no request off the machine", () => {
    expect(browser.blocked).toEqual([]);
  });
});
