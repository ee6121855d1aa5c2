// The harness itself: a short session is validated end to end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startConformanceTarget, type ConformanceTarget } from "../../conformance/harness.ts";
import { prepareValidation } from "../../conformance/validate.ts";

describe("conformance harness", () => {
  let target: ConformanceTarget;
  beforeAll(async () => {
    prepareValidation(); // seconds of CPU: outside the test's own timeout
    target = await startConformanceTarget();
  }, 120_000);
  afterAll(() => target.close());

  it("validates every answer and stored event of a customer's life", async () => {
    const customer = await target.stripe.customers.create({ email: "ada@example.com", metadata: { ref: "1" } });
    await target.stripe.customers.update(customer.id, { name: "Ada" });
    await target.stripe.customers.list({ limit: 3 });
    await target.stripe.customers.del(customer.id);
    const { responses, violations } = target.validated();
    expect(responses).toBeGreaterThanOrEqual(4);
    expect(violations).toEqual([]);
  });
});
