// Liveness and readiness as a load balancer sees them: /api/health answers with
// no dependency; /api/ready is 200 only when the database, Stripe and the job
// queue answer, else 503 naming what failed and nothing of why.
import { afterEach, describe, expect, it } from "vitest";
import { GET as health } from "@/app/api/health/route";
import { GET as ready } from "@/app/api/ready/route";
import { createDb, getDb, setDb } from "@/lib/db";
import { checkStripe } from "@/lib/health/checks";
import { checkReadiness } from "@/lib/health/readiness";
import { setLogSink } from "@/lib/observability/log";
import { getStripe } from "@/lib/stripe/client";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useEmulator } from "./helpers/emulator";
import { useLocalStripeEnv } from "./helpers/env";

const get = (path: string) => new Request(`http://payport.test${path}`);
// Nothing listens on port 9 (discard): the connection is refused at once.
const UNREACHABLE_POSTGRES = "postgresql://payport:do-not-log-me@127.0.0.1:9/payport";

describe("GET /api/health", () => {
  it("answers 200 without touching the database", async () => {
    setDb(createDb(UNREACHABLE_POSTGRES));
    try {
      const res = await health(get("/api/health"));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "ok" });
    } finally {
      setDb(undefined);
    }
  });
});

describe.each(testDatabases())("GET /api/ready on %s", (kind) => {
  const database = useTestDatabase(kind);
  const emulator = useEmulator();

  afterEach(() => setDb(database.db));

  it("is 200 with every check passing when the database and Stripe answer", async () => {
    const res = await ready(get("/api/ready"));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({
      status: "ready",
      checks: { database: { ok: true }, stripe: { ok: true }, queue: { ok: true, detail: expect.stringMatching(/backlog 0, oldest waiting 0 s$/) } },
    });
  });

  it("is 503 naming the database when it is unreachable, with no internals in the body", async () => {
    const logged: string[] = [];
    setLogSink((line) => logged.push(line));
    setDb(createDb(UNREACHABLE_POSTGRES));
    try {
      const res = await ready(get("/api/ready"));
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({
        status: "not ready",
        failing: ["database", "queue"],
        checks: { database: { ok: false, detail: "unreachable" }, stripe: { ok: true }, queue: { ok: false, detail: "unreachable" } },
      });
      expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|do-not-log-me|payport@/);
      // The reason is for the operator's log.
      expect(logged.join("\n")).toContain("readiness: database check failed");
    } finally {
      await getDb().$disconnect().catch(() => {});
      setLogSink(undefined);
    }
  });

  it("asks Stripe at most once per interval however often it is probed", async () => {
    const paths: string[] = [];
    const stripe = getStripe();
    stripe.on("response", (event: { path: string }) => paths.push(event.path));
    const start = Date.now() + 60_000; // later than any earlier test's check
    for (let i = 0; i < 5; i++) expect(await checkStripe(stripe, start + i * 1_000)).toEqual({ ok: true });
    expect(paths.filter((p) => p === "/v1/balance")).toHaveLength(1);
    await checkStripe(stripe, start + 31_000);
    expect(paths.filter((p) => p === "/v1/balance")).toHaveLength(2);
    expect(emulator.url).toMatch(/^http:/);
  });
});

describe("GET /api/ready when Stripe is unreachable", () => {
  useTestDatabase("sqlite");

  it("is 503 naming stripe", async () => {
    useLocalStripeEnv({ STRIPE_EMULATOR_URL: "http://127.0.0.1:9" });
    setLogSink(() => {});
    try {
      const res = await ready(get("/api/ready"));
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body.failing).toEqual(["stripe"]);
      expect(body.checks.stripe).toEqual({ ok: false, detail: "unreachable" });
      expect(body.checks.database).toEqual({ ok: true });
    } finally {
      setLogSink(undefined);
      useLocalStripeEnv();
    }
  });
});

describe("checkReadiness", () => {
  const ok = async () => ({ ok: true });

  it("names every failing check, and a check that throws fails without its error in the answer", async () => {
    const readiness = await checkReadiness({
      database: ok,
      stripe: async () => {
        throw new Error("socket hang up at 10.0.0.7");
      },
      queue: async () => ({ ok: false, detail: "backlog" }),
    });
    expect(readiness).toEqual({
      status: "not ready",
      failing: ["stripe", "queue"],
      checks: { database: { ok: true }, stripe: { ok: false, detail: "check failed" }, queue: { ok: false, detail: "backlog" } },
    });
  });
});
