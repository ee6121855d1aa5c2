// Emulator throughput: PaymentIntent create + confirm (pm_card_visa) from concurrent keep-alive
// clients on 127.0.0.1 for a bounded time. The emulator runs in this process; the load generator
// runs in a child process so both get a core and the figure is not flattered by sharing one.
//   npx tsx bench/emulator.ts [--seconds 10] [--concurrency 32]
import { fork } from "node:child_process";
import http from "node:http";
import { fileURLToPath } from "node:url";
import { startEmulator } from "../emulator/index.ts";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i !== -1 ? Number(process.argv[i + 1]) : fallback;
}

interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  latencies: number[];
  perSecond: number[];
}

interface Summary {
  requests: number;
  errors: number;
  seconds: number;
  p50: number;
  p99: number;
  perSecond: number[];
}

function summarise(r: LoadResult): Summary {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
  return { requests: r.requests, errors: r.errors, seconds: r.seconds, p50: pct(0.5), p99: pct(0.99), perSecond: r.perSecond };
}

const CREATE_BODY = "amount=2000&currency=usd&automatic_payment_methods[enabled]=true&automatic_payment_methods[allow_redirects]=never";
const CONFIRM_BODY = "payment_method=pm_card_visa";

async function generateLoad(port: number, seconds: number, concurrency: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let requests = 0;
  let errors = 0;
  let sequence = 0;
  const latencies: number[] = [];
  const perSecond: number[] = [];
  let lastCount = 0;
  const ticker = setInterval(() => {
    perSecond.push(requests - lastCount);
    lastCount = requests;
  }, 1000);
  const post = (path: string, body: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port,
          path,
          method: "POST",
          agent,
          headers: {
            Authorization: "Bearer sk_test_emulator",
            "Content-Type": "application/x-www-form-urlencoded",
            "Content-Length": Buffer.byteLength(body),
            "Idempotency-Key": `bench-${process.pid}-${sequence++}`,
            "Stripe-Version": "2026-10-28.endive",
          },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (c: string) => (text += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  const deadline = Date.now() + seconds * 1000;
  const started = Date.now();
  async function worker() {
    while (Date.now() < deadline) {
      const t0 = performance.now();
      const created = await post("/v1/payment_intents", CREATE_BODY);
      requests++;
      const id = /"id":"(pi_[A-Za-z0-9]+)"/.exec(created.text)?.[1];
      if (created.status !== 200 || !id) {
        errors++;
        continue;
      }
      const confirmed = await post(`/v1/payment_intents/${id}/confirm`, CONFIRM_BODY);
      requests++;
      if (confirmed.status !== 200 || !confirmed.text.includes('"status":"succeeded"')) errors++;
      if (latencies.length < 200_000) latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  clearInterval(ticker);
  agent.destroy();
  return { requests, errors, seconds: (Date.now() - started) / 1000, latencies, perSecond };
}

if (process.argv[2] === "--load-child") {
  const [port, seconds, concurrency] = process.argv.slice(3).map(Number);
  const result = await generateLoad(port, seconds, concurrency);
  // Exit only once the message is flushed, or the parent may never see it.
  process.send!(summarise(result), () => process.exit(0));
} else {
  const seconds = arg("seconds", 10);
  const concurrency = arg("concurrency", 32);
  const emu = await startEmulator({ port: 0 });
  // Warm-up so JIT and pools are settled before measuring.
  await generateLoad(emu.port, 1, 8);
  const child = fork(fileURLToPath(import.meta.url), ["--load-child", String(emu.port), String(seconds), String(concurrency)], {
    execArgv: ["--import", "tsx"],
  });
  const result = await new Promise<Summary>((resolve, reject) => {
    child.once("message", (m) => resolve(m as Summary));
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`load generator exited with ${code} before reporting`)));
  });
  await emu.close();
  const rps = result.requests / result.seconds;
  console.log(`create+confirm against the emulator: ${concurrency} keep-alive clients, ${result.seconds.toFixed(1)} s, load generator in a child process`);
  console.log(`requests: ${result.requests} (${result.errors} errors)  pairs: ${Math.floor(result.requests / 2)}`);
  console.log(`pair latency ms: p50 ${result.p50.toFixed(1)}  p99 ${result.p99.toFixed(1)}`);
  console.log(`requests per 1 s window: ${result.perSecond.join(" ")}`);
  console.log(`${rps.toFixed(0)} requests/s`);
  process.exit(result.errors ? 1 : 0);
}
