import path from "node:path";

/** Folder of the project under test. */
export const projectRoot = path.resolve(import.meta.dirname, "..", "..");

/** Values that provisioning would write into env/.env.dev; the committed file leaves them empty. */
export const devTestValues = {
  TEAMS_APP_ID: "0f4b3c2a-8d1e-4c5f-9a6b-7e8d9c0b1a2f",
  BOT_ID: "6a1d2e3f-4b5c-4d6e-8f70-8192a3b4c5d6",
  AAD_APP_CLIENT_ID: "c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f",
  TAB_DOMAIN: "tokeninv-a1b2c3.azurewebsites.net",
  TAB_ENDPOINT: "https://tokeninv-a1b2c3.azurewebsites.net",
} as const;
