import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    pool: "forks",
    // http-deceiver, under restify, calls process.binding('http_parser'); its DEP0111 warning is noise.
    execArgv: ["--disable-warning=DEP0111"],
    // Two cores: more workers only fight over the CPU that Azurite and the sandbox also need.
    maxWorkers: 2,
    globalSetup: ["tests/setup/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Several files share one Azurite; each test file uses its own table prefix.
    fileParallelism: true,
  },
});
