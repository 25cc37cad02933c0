import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    pool: "forks",
    // Two cores: more workers only fight over the CPU that Azurite and the sandbox also need.
    maxWorkers: 2,
    globalSetup: ["tests/setup/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Several files share one Azurite; each test file uses its own table prefix.
    fileParallelism: true,
  },
});
