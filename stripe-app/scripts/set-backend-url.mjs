#!/usr/bin/env node
// Points the app at your Payport: writes <url>/api/stripe-app into the
// manifest's constants.BACKEND_URL and content-security-policy connect-src,
// which must agree (the Dashboard blocks any other URL).
//   npm run set-backend-url --prefix stripe-app -- https://shop.example.com [stripe-app.local.json]
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

const [origin, file = "stripe-app.json"] = process.argv.slice(2);
let url;
try {
  url = new URL(origin);
  if (!/^https?:$/.test(url.protocol) || url.pathname !== "/") throw new Error();
} catch {
  console.error("usage: set-backend-url <https://your-payport-origin> [manifest file]  (origin only, e.g. https://shop.example.com)");
  process.exit(2);
}
const manifestPath = path.resolve(import.meta.dirname, "..", file);
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
const backend = `${url.origin}/api/stripe-app`;
manifest.constants = { ...manifest.constants, BACKEND_URL: backend };
manifest.ui_extension.content_security_policy["connect-src"] = [`${backend}/`];
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`${file}: BACKEND_URL and connect-src now ${backend}/`);
