// Small helpers shared by the dev and test launchers: child processes that die
// with us, and waiting for an HTTP service to answer.
import { spawn, spawnSync } from "node:child_process";

const children = new Set();

function stopAll() {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
}
process.on("exit", stopAll);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    stopAll();
    process.exit(130);
  });
}

/** `node <script> …args` as a tracked child; its output is prefixed with `label`. */
export function startNode(label, script, args = [], env = process.env) {
  const child = spawn(process.execPath, [script, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  const prefix = (chunk) =>
    chunk.toString().replace(/^(?=.)/gm, `[${label}] `);
  child.stdout.on("data", (c) => process.stdout.write(prefix(c)));
  child.stderr.on("data", (c) => process.stderr.write(prefix(c)));
  child.on("exit", () => children.delete(child));
  return child;
}

/** Runs `node <script> …args` to completion; throws on a non-zero exit. */
export function runNode(script, args = [], env = process.env) {
  const result = spawnSync(process.execPath, [script, ...args], { env, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${script} ${args.join(" ")} exited with ${result.status}`);
}

/** Like runNode, but keeps the output to itself unless the script fails; returns its stdout. */
export function runNodeQuietly(script, args = [], env = process.env) {
  const result = spawnSync(process.execPath, [script, ...args], { env, encoding: "utf8" });
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? "");
    process.stderr.write(result.stderr ?? "");
    throw new Error(`${script} ${args.join(" ")} exited with ${result.status}`);
  }
  return result.stdout ?? "";
}

export async function isUp(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

export async function waitUntilUp(url, { timeoutMs = 60_000, child } = {}) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`process for ${url} exited with ${child.exitCode}`);
    if (await isUp(url)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

export const bin = {
  next: "node_modules/next/dist/bin/next",
  prisma: "node_modules/prisma/build/index.js",
  tsx: "node_modules/tsx/dist/cli.mjs",
  vitest: "node_modules/vitest/vitest.mjs",
  playwright: "node_modules/@playwright/test/cli.js",
};
