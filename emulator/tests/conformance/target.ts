// Which target a conformance scenario runs against: the emulator (the default, part of `npm test`)
// or, with CONFORMANCE_TARGET=stripe and STRIPE_SECRET_KEY=sk_test_…, Stripe's test mode
// (`npm run test:stripe-contract`). Each scenario file gets a fresh target and ends by requiring
// that every answer and every event it caused validated with no violation.
import type Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { report, startConformanceTarget, type ConformanceTarget } from "../../conformance/harness.ts";
import { startStripeTarget } from "../../conformance/stripe-target.ts";
import { prepareValidation } from "../../conformance/validate.ts";

export const AGAINST_STRIPE = process.env.CONFORMANCE_TARGET === "stripe";
const KEY = process.env.STRIPE_SECRET_KEY ?? "";
const SKIP_REASON = AGAINST_STRIPE && !KEY.startsWith("sk_test_") && !KEY.startsWith("rk_test_")
  ? "Stripe contract run skipped: set STRIPE_SECRET_KEY=sk_test_… (a test-mode key) to run the conformance scenarios against Stripe"
  : null;
if (SKIP_REASON) console.warn(`\n! ${SKIP_REASON}\n`);

export const RETURN_URL = "https://example.com/checkout/complete";

/** A describe block whose tests share one target; the last test checks the whole run. */
export function describeConformance(name: string, body: (t: () => ConformanceTarget) => void): void {
  const block = SKIP_REASON ? describe.skip : describe;
  block(`${name} (${AGAINST_STRIPE ? "Stripe test mode" : "emulator"})`, () => {
    let target: ConformanceTarget;
    beforeAll(async () => {
      prepareValidation();
      target = AGAINST_STRIPE ? startStripeTarget(KEY) : await startConformanceTarget();
    }, 120_000);
    afterAll(async () => {
      const skipped = target?.skippedSteps() ?? [];
      if (skipped.length) console.warn(`${name}: steps not run against this target:\n  ${skipped.join("\n  ")}`);
      await target?.close();
    });
    body(() => target);
    it("every answer and every event validates against the pinned SDK's types", async () => {
      await target.settle();
      // Every event of the run, rendered once more through GET /v1/events (validated as answers).
      if (target.emulated) for await (const event of target.stripe.events.list({ limit: 100 })) void event;
      const { responses, events, violations } = target.validated();
      console.info(`${name}: ${responses} answers and ${events} webhook/listed events validated, ${violations.length} violations`);
      expect(responses).toBeGreaterThan(0);
      expect(events).toBeGreaterThan(0);
      expect(report(violations)).toBe("");
    }, 120_000);
  });
}

/** Runs a control-API step against the emulator; against Stripe, records it as skipped. */
export async function controlStep<T>(target: ConformanceTarget, step: string, path: string, body?: unknown): Promise<T | null> {
  if (!target.emulated) {
    target.skip(step);
    return null;
  }
  return (await target.control(path, body)) as T;
}

/** The Stripe error a call fails with (asserting that it fails). */
export async function stripeError(call: Promise<unknown>): Promise<Stripe.errors.StripeError & { raw: Record<string, unknown> }> {
  try {
    await call;
  } catch (err) {
    return err as never;
  }
  throw new Error("expected the call to fail");
}

/** Polls until `probe` returns something (Stripe opens test-card disputes a few seconds after the charge). */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error("gave up waiting");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Asserts that the run emitted each of these event types (all of its events are validated at the end). */
export async function expectEmitted(target: ConformanceTarget, types: string[]): Promise<void> {
  const emitted = new Set<string>();
  for await (const event of target.stripe.events.list({ limit: 100 })) emitted.add(event.type);
  for (const type of types) expect(emitted, type).toContain(type);
}

/** The types of the latest 100 events about one object, oldest first. */
export async function eventTypesOf(stripe: Stripe, objectId: string): Promise<string[]> {
  const events = await stripe.events.list({ limit: 100 });
  return events.data.filter((e) => (e.data.object as { id?: string }).id === objectId).map((e) => e.type).reverse();
}
