// Customer tax ids: create (format checks), retrieve, list, delete, test-mode verification and events.
import type Stripe from "stripe";
import { beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../helpers.ts";
import { describeConformance, eventTypesOf, stripeError } from "./target.ts";

let stripe: Stripe;

describeConformance("customer tax ids", (t) => {
  beforeAll(() => void (stripe = t().stripe));

  describe("customer tax ids", () => {
    it("creates, lists, retrieves and deletes, with events", async () => {
      const customer = await stripe.customers.create({ email: "vat@example.com" });
      const ein = await stripe.customers.createTaxId(customer.id, { type: "us_ein", value: "12-3456789" });
      expect(ein).toMatchObject({ object: "tax_id", type: "us_ein", value: "12-3456789", country: "US", customer: customer.id, owner: { type: "customer", customer: customer.id }, verification: { status: "unavailable" } });
      expect(ein.id).toMatch(/^txi_/);
      const vat = await stripe.customers.createTaxId(customer.id, { type: "gb_vat", value: "GB 123 456 789" });
      expect(vat).toMatchObject({ value: "GB123456789", country: "GB", verification: { status: "pending" } });
      const list = await stripe.customers.listTaxIds(customer.id);
      expect(list.data.map((t) => t.id)).toEqual([vat.id, ein.id]);
      expect(list.url).toBe(`/v1/customers/${customer.id}/tax_ids`);
      expect((await stripe.customers.retrieveTaxId(customer.id, ein.id)).value).toBe("12-3456789");
      const deleted = await stripe.customers.deleteTaxId(customer.id, ein.id);
      expect(deleted).toEqual({ id: ein.id, object: "tax_id", deleted: true });
      expect((await stripeError(stripe.customers.retrieveTaxId(customer.id, ein.id))).statusCode).toBe(404);
      expect(await eventTypesOf(stripe, ein.id)).toEqual(["customer.tax_id.created", "customer.tax_id.deleted"]);
      const other = await stripe.customers.create({});
      expect((await stripeError(stripe.customers.retrieveTaxId(other.id, vat.id))).statusCode).toBe(404);
    });

    it("checks formats of common types", async () => {
      const customer = await stripe.customers.create({});
      for (const [type, value] of [["eu_vat", "XX123"], ["gb_vat", "GB12"], ["us_ein", "123"], ["au_abn", "abc"]] as const) {
        const err = await stripeError(stripe.customers.createTaxId(customer.id, { type, value }));
        expect(err.statusCode).toBe(400);
        expect(err.code).toBe("tax_id_invalid");
        expect(err.param).toBe("value");
        expect(err.message).toBe(`Invalid value for ${type}.`);
      }
      const unknownType = await stripeError(stripe.customers.createTaxId(customer.id, { type: "xx_nope" as Stripe.TaxIdCreateParams.Type, value: "1" }));
      expect(unknownType.param).toBe("type");
      const el = await stripe.customers.createTaxId(customer.id, { type: "eu_vat", value: "EL123456789" });
      expect(el.country).toBe("GR");
    });

    it("verifies the test values: 000000000 verified, 111111111 unverified, 222222222 pending", async () => {
      const customer = await stripe.customers.create({});
      const ok = await stripe.customers.createTaxId(customer.id, { type: "eu_vat", value: "DE000000000" });
      const bad = await stripe.customers.createTaxId(customer.id, { type: "eu_vat", value: "DE111111111" });
      const waiting = await stripe.customers.createTaxId(customer.id, { type: "au_abn", value: "12222222222" });
      await eventually(async () => (await stripe.customers.retrieveTaxId(customer.id, ok.id)).verification?.status === "verified");
      await eventually(async () => (await stripe.customers.retrieveTaxId(customer.id, bad.id)).verification?.status === "unverified");
      expect((await stripe.customers.retrieveTaxId(customer.id, ok.id)).verification).toMatchObject({ verified_name: "TEST" });
      expect((await stripe.customers.retrieveTaxId(customer.id, waiting.id)).verification?.status).toBe("pending");
      expect(await eventTypesOf(stripe, ok.id)).toEqual(["customer.tax_id.created", "customer.tax_id.updated"]);
    });
  });
});
