import { Command, Option } from "commander";
import { generateCode } from "../inventory/totp/codes.js";
import { inferHashFunction } from "../inventory/totp/hash.js";
import { normalizeSecret } from "../inventory/totp/secret.js";

/**
 * Prints the current code of a test token from its seed, like the display of a hardware token,
 * for trying the bot with the sample seed files. Never use it with the seeds of real tokens.
 *
 *   npx tsx scripts/totp.ts QZCYBOYWUQFXDIX3NV3VUDF3NPBEZDSZ24UR5IM7EBPGB362UFUQ
 */
const program = new Command("totp")
  .argument("<seed>", "Base32 or hex seed from a sample seed file")
  .addOption(new Option("--hash <hash>", "hash function (default: inferred from the seed length, as the importer does)").choices(["hmacsha1", "hmacsha256"]))
  .addOption(new Option("--period <seconds>", "time step").choices(["30", "60"]).default("30"))
  .action((seed: string, options: { hash?: "hmacsha1" | "hmacsha256"; period: string }) => {
    const secret = normalizeSecret(seed);
    if (!secret.ok) {
      process.stderr.write(`${secret.problem.message}\n`);
      process.exitCode = 2;
      return;
    }
    const hashFunction = options.hash ?? inferHashFunction(secret.byteLength);
    if (!hashFunction) {
      process.stderr.write(`The seed has ${secret.byteLength} bytes, so its hash cannot be inferred; pass --hash.\n`);
      process.exitCode = 2;
      return;
    }
    const code = generateCode({
      secretKey: secret.secretKey,
      hashFunction,
      timeIntervalInSeconds: Number(options.period),
      epochSeconds: Date.now() / 1000,
    });
    process.stdout.write(code + "\n");
  });

program.parse();
