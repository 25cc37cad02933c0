import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/** Builds the admin tab (tab/app) into dist/tab, which the restify host serves at /. */
export default defineConfig({
  root: "tab/app",
  base: "/",
  plugins: [react()],
  build: {
    outDir: "../../dist/tab",
    emptyOutDir: true,
    sourcemap: true,
    // Fluent UI v9 and React make one ~770 kB chunk (about 215 kB gzipped), loaded once per session.
    chunkSizeWarningLimit: 1024,
  },
  server: {
    host: "127.0.0.1",
    // `npx vite` serves the app with hot reload; API calls go to the host on PORT (default 3978).
    proxy: { "/api": `http://127.0.0.1:${process.env.PORT ?? "3978"}` },
  },
});
