import { afterEach, describe, expect, it } from "vitest";
import { TableTokenService } from "../../inventory/tokens/TokenService.js";
import { admin, startImportStack, type ImportStack } from "./support/importStack.js";

const header = "upn,serial number,secret key,time interval,manufacturer,model\r\n";
const secretA = "BZIMRXPVRJK6EBWJQAL2CGCQQWRDVFNA";

let stack: ImportStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

describe("admin activation from the stored seed", () => {
  it.each([
    [false, false],
    [true, true],
  ])("with keepSeeds %s keeps the seed: %s", async (keepSeeds, seedKept) => {
    stack = await startImportStack();
    await stack.importText("assign.csv", header + `ada.alvarez@northwind.example,71260001,${secretA},30,Token2,C202\r\n`, { mode: "assign", keepSeeds });
    const tokens = new TableTokenService({ graph: stack.graph, stores: stack.stores, cipher: stack.cipher });

    const view = await tokens.activate("71260001", undefined, admin);

    expect(view.status).toBe("activated");
    expect(view.seedStored).toBe(seedKept);
    expect(stack.devicesBySerial().get("71260001")?.status).toBe("activated");
  });
});

describe("import job in another process", () => {
  it("refuses to run a job that a live process runs", async () => {
    stack = await startImportStack();
    const draft = await stack.imports.createJob({ fileName: "busy.csv", content: Buffer.from(header + `,71260002,${secretA},30,Token2,C202\r\n`) }, { mode: "import" }, admin);
    const job = (await stack.stores.importJobs.get(draft.jobId!))!;
    // The parent of this test process is alive and is not this process.
    await stack.stores.importJobs.update({ ...job, state: "running", runner: `${(await import("node:os")).hostname()}:${process.ppid}` });

    await expect(stack.imports.run(draft.jobId!, admin)).rejects.toMatchObject({ code: "jobRunning" });
    expect(stack.devicesBySerial().size).toBe(0);
  });
});
