// Time to first byte and to the last byte of pages on a running server, so a
// change to loading boundaries (what streams before a page has decided its
// status) can be judged by numbers:
//   npx tsx bench/page-timing.ts http://127.0.0.1:3000 [cookie header] [runs]
// Paths needing an account are timed only with a cookie (an admin's sees all).
// Medians of `runs` (default 15) after one warm-up request per path.
import { argv } from "node:process";

const [base = "http://127.0.0.1:3000", cookie = "", runsArg = "15"] = argv.slice(2);
const runs = Number(runsArg);
const PUBLIC = ["/", "/cart", "/pricing", "/checkout/ord_does_not_exist"];
const SIGNED_IN = ["/account", "/account/billing", "/admin/dashboard", "/admin/payments", "/admin/customers", "/admin/events", "/admin/payments/ord_does_not_exist"];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(path: string): Promise<{ status: number; ttfb: number; total: number }> {
  const started = performance.now();
  const res = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });
  const ttfb = performance.now() - started;
  await res.arrayBuffer();
  return { status: res.status, ttfb, total: performance.now() - started };
}

console.log(`${base}, ${runs} runs each, median ms`);
console.log("path".padEnd(40), "status", "ttfb".padStart(7), "total".padStart(7));
for (const path of [...PUBLIC, ...(cookie ? SIGNED_IN : [])]) {
  await time(path);
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await time(path));
  const status = samples[samples.length - 1].status;
  console.log(path.padEnd(40), String(status).padEnd(6), median(samples.map((s) => s.ttfb)).toFixed(1).padStart(7), median(samples.map((s) => s.total)).toFixed(1).padStart(7));
}
