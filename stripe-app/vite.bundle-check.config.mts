// Offline smoke bundle of the views (NOT what Stripe runs: `stripe apps upload` builds its own bundle).
// Catches unresolved imports, Node-only code or a second React copy before anyone runs the Stripe CLI.
import { readdirSync } from "node:fs";
import { defineConfig } from "vite";

const views = readdirSync("src/views").filter((f) => /^[A-Za-z0-9_]+\.tsx$/.test(f));

export default defineConfig({
  logLevel: "warn",
  build: {
    outDir: ".build-check",
    emptyOutDir: true,
    minify: false,
    lib: {
      entry: Object.fromEntries(views.map((f) => [f.replace(".tsx", ""), `src/views/${f}`])),
      formats: ["es"],
    },
    rollupOptions: { external: [] },
  },
  define: { "process.env.NODE_ENV": '"production"' },
});
