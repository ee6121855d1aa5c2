// Self-contained Playwright config for the Stripe.js stand-in suite
// (e2e/stripejs-standin.spec.ts). It needs no Next app: the spec starts the
// emulator in-process and serves its own harness page through page.route().
//   npx playwright test e2e/stripejs-standin.spec.ts --config e2e/stripejs-standin.config.ts
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: ".",
  testMatch: /stripejs-standin\.spec\.ts$/,
  timeout: 30_000,
  fullyParallel: false,
  workers: 1, // 2-core machine
  reporter: [["list"]],
  use: {
    browserName: "chromium",
    launchOptions: {
      // Debian's chromium (apt-get install -y chromium); never `npx playwright install`.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
      ],
    },
  },
});
