// The harness itself: a short session is validated end to end.
import { expect, it } from "vitest";
import { describeConformance } from "./target.ts";

describeConformance("conformance harness", (t) => {
  it("validates every answer and stored event of a customer's life", async () => {
    const { stripe } = t();
    const customer = await stripe.customers.create({ email: "ada@example.com", metadata: { ref: "1" } });
    await stripe.customers.update(customer.id, { name: "Ada" });
    await stripe.customers.list({ limit: 3 });
    await stripe.customers.del(customer.id);
    expect(t().validated().responses).toBeGreaterThanOrEqual(4);
  });
});
