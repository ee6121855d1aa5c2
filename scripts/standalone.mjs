#!/usr/bin/env node
// Completes `next build`'s standalone output (part of `npm run build`).
//
// `output: "standalone"` writes .next/standalone/server.js with only the
// node_modules the server traced (Prisma's query-compiler wasm, better-sqlite3's
// native addon, pg), but leaves out what a CDN would usually serve: .next/static
// (the browser's JS and CSS) and public/. This copies both next to server.js, so
// the folder runs on its own:
//
//   node .next/standalone/server.js        (PORT, HOSTNAME; env as for `next start`)
//
// Run it again after every build (the build wipes the folder).
import { cpSync, existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

const root = process.cwd();
// server.js sits at the app's path relative to the output trace root: the top
// of .next/standalone normally, deeper when the build traced from a parent
// folder (NEXT_PRIVATE_OUTPUT_TRACE_ROOT, e.g. a checkout whose node_modules
// lives elsewhere).
const requiredFiles = path.join(root, ".next", "required-server-files.json");
const relativeAppDir = existsSync(requiredFiles) ? (JSON.parse(readFileSync(requiredFiles, "utf8")).relativeAppDir ?? "") : "";
const standalone = path.join(root, ".next", "standalone", relativeAppDir);

if (!existsSync(path.join(standalone, "server.js"))) {
  console.error(`No ${path.relative(root, path.join(standalone, "server.js"))}: run \`next build\` first (next.config.ts must keep output: "standalone").`);
  process.exit(1);
}

for (const [from, to] of [
  [path.join(root, ".next", "static"), path.join(standalone, ".next", "static")],
  [path.join(root, "public"), path.join(standalone, "public")],
]) {
  if (!existsSync(from)) continue;
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true, verbatimSymlinks: true });
  console.log(`standalone: copied ${path.relative(root, from)}/ → ${path.relative(root, to)}/`);
}
