// Conformance of customers, products, prices, payment methods, webhook endpoints and events:
// every answer (successes and errors) and every event validates against the SDK's types.
import { expect, it } from "vitest";
import { describeConformance, stripeError } from "./target.ts";

const run = `conf${Date.now().toString(36)}`;

describeConformance("customers, catalog, payment methods, webhook endpoints, events", (t) => {
  it("customers: create, retrieve, update, list, search, delete, retrieve deleted, 404", async () => {
    const { stripe } = t();
    const customer = await stripe.customers.create({
      email: `ada+${run}@example.com`,
      name: "Ada Lovelace",
      phone: "+14155550100",
      description: "conformance",
      address: { line1: "1 Main St", city: "San Francisco", postal_code: "94111", country: "US" },
      metadata: { run },
    });
    expect(customer.object).toBe("customer");
    await stripe.customers.create({
      email: `grace+${run}@example.com`,
      preferred_locales: ["en", "fr"],
      tax_exempt: "none",
      shipping: { name: "Grace Hopper", phone: "+14155550101", address: { line1: "2 Navy Way", city: "Arlington", state: "VA", postal_code: "22202", country: "US" } },
      invoice_settings: { footer: "Thank you", custom_fields: [{ name: "PO", value: "1234" }] },
      payment_method: "pm_card_visa",
      expand: ["invoice_settings.default_payment_method"],
    });
    await stripe.customers.retrieve(customer.id);
    await stripe.customers.update(customer.id, { name: "Ada King", metadata: { tier: "gold" } });
    await stripe.customers.list({ limit: 3 });
    await stripe.customers.list({ email: customer.email!, limit: 3 });
    await stripe.customers.search({ query: `metadata['run']:'${run}' AND email:'${customer.email}'` });
    const deleted = await stripe.customers.del(customer.id);
    expect(deleted.deleted).toBe(true);
    const again = await stripe.customers.retrieve(customer.id);
    expect(again.deleted).toBe(true);
    const missing = await stripeError(stripe.customers.retrieve("cus_doesnotexist0000"));
    expect(missing.statusCode).toBe(404);
    const bad = await stripeError(stripe.customers.create({ email: "x@example.com", bogus: 1 } as never));
    expect(bad.statusCode).toBe(400);
    // The same idempotency key with other parameters: 400 idempotency_error.
    const idempotencyKey = `conformance-${run}`;
    await stripe.customers.create({ email: `idem+${run}@example.com` }, { idempotencyKey });
    const reused = await stripeError(stripe.customers.create({ email: `other+${run}@example.com` }, { idempotencyKey }));
    expect(reused.type).toBe("StripeIdempotencyError");
    expect((await stripeError(stripe.rawRequest("GET", "/v1/conformance_nothing_here"))).statusCode).toBe(404);
  });

  it("products and prices: create, retrieve, update, list, search, lookup keys, delete", async () => {
    const { stripe } = t();
    const product = await stripe.products.create({ name: `Conformance tee ${run}`, description: "A shirt", metadata: { run }, default_price_data: { currency: "usd", unit_amount: 2500 } });
    await stripe.products.retrieve(product.id, { expand: ["default_price"] });
    await stripe.products.update(product.id, { description: "A better shirt", url: "https://example.com/tee" });
    await stripe.products.list({ limit: 3, active: true });
    await stripe.products.search({ query: `metadata['run']:'${run}'` });
    const monthly = await stripe.prices.create({ product: product.id, currency: "usd", unit_amount: 900, recurring: { interval: "month" }, lookup_key: `monthly_${run}`, nickname: "Monthly", metadata: { run } });
    await stripe.prices.create({ product_data: { name: `Add-on ${run}` }, currency: "usd", unit_amount: 300 });
    await stripe.prices.retrieve(monthly.id, { expand: ["product"] });
    await stripe.prices.update(monthly.id, { nickname: "Monthly plan", metadata: { a: "b" } });
    const byKey = await stripe.prices.list({ lookup_keys: [`monthly_${run}`], expand: ["data.product"] });
    expect(byKey.data.map((p) => p.id)).toEqual([monthly.id]);
    await stripe.prices.list({ product: product.id, type: "recurring", limit: 5 });
    await stripe.prices.search({ query: `metadata['run']:'${run}'` });
    // A product with prices cannot be deleted; archive the prices' product instead.
    expect((await stripeError(stripe.products.del(product.id))).statusCode).toBe(400);
    await stripe.products.update(product.id, { active: false });
    const bare = await stripe.products.create({ name: `Deletable ${run}` });
    expect((await stripe.products.del(bare.id)).deleted).toBe(true);
    expect((await stripeError(stripe.prices.retrieve("price_doesnotexist000"))).statusCode).toBe(404);
    expect((await stripeError(stripe.prices.create({ currency: "usd", unit_amount: 100 } as never))).statusCode).toBe(400);
  });

  it("payment methods: pm_card_* templates, create, attach, list, retrieve, update, detach, errors", async () => {
    const { stripe } = t();
    const customer = await stripe.customers.create({ email: `pm+${run}@example.com` });
    const visa = await stripe.paymentMethods.attach("pm_card_visa", { customer: customer.id });
    expect(visa.customer).toBe(customer.id);
    await stripe.paymentMethods.attach("pm_card_mastercard", { customer: customer.id });
    const created = await stripe.paymentMethods.create({ type: "card", card: { token: "tok_amex" }, billing_details: { name: "Ada", email: `pm+${run}@example.com` } });
    await stripe.paymentMethods.attach(created.id, { customer: customer.id });
    await stripe.paymentMethods.retrieve(visa.id);
    await stripe.paymentMethods.update(visa.id, { billing_details: { name: "Ada Lovelace", address: { postal_code: "94111" } }, metadata: { run } });
    await stripe.paymentMethods.list({ customer: customer.id, type: "card" });
    await stripe.customers.listPaymentMethods(customer.id, { limit: 5 });
    await stripe.customers.retrievePaymentMethod(customer.id, visa.id);
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: visa.id }, expand: ["invoice_settings.default_payment_method"] });
    const detached = await stripe.paymentMethods.detach(visa.id);
    expect(detached.customer).toBeNull();
    const declined = await stripeError(stripe.paymentMethods.attach("pm_card_visa_chargeDeclined", { customer: customer.id }));
    expect(declined.statusCode).toBe(402);
    expect((await stripeError(stripe.paymentMethods.retrieve("pm_doesnotexist0000"))).statusCode).toBe(404);
  });

  it("webhook endpoints: create, retrieve, update, list, delete", async () => {
    const { stripe } = t();
    const endpoint = await stripe.webhookEndpoints.create({ url: `https://example.com/hooks/${run}`, enabled_events: ["payment_intent.succeeded", "charge.refunded"], description: "conformance", metadata: { run } });
    expect(endpoint.secret).toMatch(/^whsec_/);
    await stripe.webhookEndpoints.retrieve(endpoint.id);
    await stripe.webhookEndpoints.update(endpoint.id, { disabled: true, enabled_events: ["*"] });
    await stripe.webhookEndpoints.list({ limit: 5 });
    expect((await stripe.webhookEndpoints.del(endpoint.id)).deleted).toBe(true);
    expect((await stripeError(stripe.webhookEndpoints.retrieve(endpoint.id))).statusCode).toBe(404);
  });

  it("events: list (with a type filter) and retrieve", async () => {
    const { stripe } = t();
    const list = await stripe.events.list({ limit: 20 });
    expect(list.data.length).toBeGreaterThan(0);
    await stripe.events.list({ type: "customer.*", limit: 5 });
    await stripe.events.retrieve(list.data[0].id);
    expect((await stripeError(stripe.events.retrieve("evt_doesnotexist0000"))).statusCode).toBe(404);
  });
});
