import { afterEach, describe, expect, it } from "vitest";
import { recordFetch } from "../graph/support/sandbox.js";
import { admin, sample, startImportStack, type ImportStack } from "./support/importStack.js";

const header = "upn,serial number,secret key,time interval,manufacturer,model\r\n";

let stack: ImportStack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

describe("import of the Token2 sample in each mode", () => {
  it("activate mode activates every row with a user and leaves the others available", async () => {
    stack = await startImportStack();

    const report = await stack.importText("token2-classic.csv", sample("token2-classic.csv"), { mode: "activate" });

    expect(report.counts).toMatchObject({ total: 12, activated: 10, created: 2, failed: 0 });
    const devices = stack.devicesBySerial();
    expect(devices.size).toBe(12);
    expect(devices.get("1100000004256")).toMatchObject({ status: "activated", assignedTo: { id: "00000000-0000-4000-8000-000000000001" } });
    expect(devices.get("1100000019318")).toMatchObject({ status: "available", assignedTo: null, hashFunction: "hmacsha256" });
  });

  it("assign mode assigns without activating", async () => {
    stack = await startImportStack();

    const report = await stack.importText("token2-classic.csv", sample("token2-classic.csv"), { mode: "assign" });

    expect(report.counts).toMatchObject({ assigned: 10, created: 2, activated: 0, failed: 0 });
    const statuses = [...stack.devicesBySerial().values()].map((device) => device.status);
    expect(statuses.filter((status) => status === "assigned")).toHaveLength(10);
    expect(statuses.filter((status) => status === "activated")).toHaveLength(0);
  });

  it("import mode creates every token unassigned", async () => {
    stack = await startImportStack();

    const report = await stack.importText("entra-admin-center.csv", sample("entra-admin-center.csv"), { mode: "import" });

    expect(report.counts).toMatchObject({ total: 8, created: 8, failed: 0 });
    for (const device of stack.devicesBySerial().values()) {
      expect(device.status).toBe("available");
      expect(device.timeIntervalInSeconds).toBe(60);
    }
  });

  it("dry run writes nothing to Graph or storage", async () => {
    stack = await startImportStack();

    const report = await stack.imports.validate({ fileName: "token2-classic.csv", content: Buffer.from(sample("token2-classic.csv")) }, { mode: "activate" });

    expect(report.counts).toMatchObject({ total: 12, valid: 12 });
    expect(report.jobId).toBeUndefined();
    expect(stack.devicesBySerial().size).toBe(0);
    expect(await stack.imports.listJobs()).toEqual([]);
    expect(await stack.tokens()).toEqual([]);
  });
});

describe("seeds after activation", () => {
  it("drops the seed of activated tokens and keeps it for unassigned ones", async () => {
    stack = await startImportStack();

    await stack.importText("token2-classic.csv", sample("token2-classic.csv"), { mode: "activate" });

    const tokens = await stack.tokens();
    const activated = tokens.filter((token) => token.status === "activated");
    const available = tokens.filter((token) => token.status === "available");
    expect(activated).toHaveLength(10);
    expect(activated.every((token) => token.encryptedSecret === undefined)).toBe(true);
    expect(available.every((token) => token.encryptedSecret !== undefined)).toBe(true);
  });

  it("keeps every seed with keepSeeds", async () => {
    stack = await startImportStack();

    await stack.importText("token2-classic.csv", sample("token2-classic.csv"), { mode: "activate", keepSeeds: true });

    const tokens = await stack.tokens();
    expect(tokens.every((token) => token.encryptedSecret !== undefined)).toBe(true);
  });
});

/** Published TOTP vectors: the code Graph must receive for a token activated at a fixed instant. */
const vectors = [
  {
    name: "code with a leading zero stays a six-character string",
    row: "ada.alvarez@northwind.example,71230001,BZIMRXPVRJK6EBWJQAL2CGCQQWRDVFNA,30,Token2,C202",
    epochSeconds: 1767225810,
    code: "017470",
    hashFunction: "hmacsha1",
  },
  {
    name: "hex seed is converted to Base32 before use",
    row: "bruno.alvarez@northwind.example,71230002,c964ca946ff8d079f9fcc2865e793565b852068f,30,Token2,C202",
    epochSeconds: 1767229200,
    code: "061825",
    hashFunction: "hmacsha1",
  },
  {
    name: "60-second token uses its own time step",
    row: "chloe.alvarez@northwind.example,71230003,ON2TRAIFODAPJSJLHMX3FBGRHXTDCJPW,60,Token2,C302",
    epochSeconds: 1767236445,
    code: "890620",
    hashFunction: "hmacsha1",
  },
];

describe("auto-activation codes", () => {
  for (const vector of vectors) {
    it(vector.name, async () => {
      const instant = vector.epochSeconds * 1000;
      stack = await startImportStack({ now: () => instant, knobs: { totpClockOffsetSeconds: vector.epochSeconds - Date.now() / 1000 } });
      const recorder = recordFetch();

      try {
        const report = await stack.importText("case.csv", header + vector.row + "\r\n", { mode: "activate" });

        expect(report.rows[0]).toMatchObject({ outcome: "activated", hashFunction: vector.hashFunction });
        const activations = recorder.requests.filter((request) => request.url.endsWith("/activate"));
        expect(activations.map((request) => request.body)).toEqual([JSON.stringify({ verificationCode: vector.code })]);
      } finally {
        recorder.restore();
      }
    });
  }

  it("SHA-256 token from a JSON file is created with hmacsha256 and activated with its own code", async () => {
    const epochSeconds = 1767240000;
    stack = await startImportStack({ now: () => epochSeconds * 1000, knobs: { totpClockOffsetSeconds: epochSeconds - Date.now() / 1000 } });
    const json = JSON.stringify([
      {
        upn: "dmitri.alvarez@northwind.example",
        serialNumber: "71230004",
        secretKey: "B4SMY2FL24SUATT6S7RWU7MZ64GOIXV6",
        timeIntervalInSeconds: 30,
        hashFunction: "SHA-256",
        manufacturer: "Token2",
        model: "C203",
      },
    ]);
    const recorder = recordFetch();

    try {
      const draft = await stack.imports.createJob({ fileName: "seeds.json", content: Buffer.from(json) }, { mode: "activate" }, admin);
      const report = await stack.imports.run(draft.jobId!, admin);

      expect(report.rows[0]).toMatchObject({ outcome: "activated", hashFunction: "hmacsha256", hashInferred: false });
      const create = recorder.requests.find((request) => request.url.endsWith("/hardwareOathDevices") && request.method === "POST");
      expect(JSON.parse(create!.body!)).toMatchObject({ hashFunction: "hmacsha256", timeIntervalInSeconds: 30 });
      const activation = recorder.requests.find((request) => request.url.endsWith("/activate"));
      expect(activation!.body).toBe(JSON.stringify({ verificationCode: "344896" }));
    } finally {
      recorder.restore();
    }
  });
});
