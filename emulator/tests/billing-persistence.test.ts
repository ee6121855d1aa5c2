// Billing state (subscriptions, their items, invoices, clocks, meter events) survives a restart.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Stripe from "stripe";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../index.ts";

const dataDir = mkdtempSync(join(tmpdir(), "stripe-emulator-billing-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const sdk = (port: number) => new Stripe("sk_test_emulator", { host: "127.0.0.1", port, protocol: "http" });

describe("billing persistence", () => {
  it("a subscription on a clock, its item, invoice PDF and meter usage survive a restart; detaching its card clears its default", async () => {
    const first = await startEmulator({ port: 0, dataDir });
    const s1 = sdk(first.port);
    const clock = await s1.testHelpers.testClocks.create({ frozen_time: Math.floor(Date.now() / 1000) });
    const customer = await s1.customers.create({ test_clock: clock.id, payment_method: "pm_card_visa" });
    const pm = (await s1.customers.listPaymentMethods(customer.id)).data[0];
    const product = await s1.products.create({ name: "P" });
    const price = await s1.prices.create({ product: product.id, currency: "usd", unit_amount: 1000, recurring: { interval: "month" } });
    const sub = await s1.subscriptions.create({ customer: customer.id, items: [{ price: price.id }], default_payment_method: pm.id });
    await first.close();

    const second = await startEmulator({ port: 0, dataDir });
    try {
      const s2 = sdk(second.port);
      const again = await s2.subscriptions.retrieve(sub.id);
      expect(again.status).toBe("active");
      expect((await s2.subscriptionItems.retrieve(sub.items.data[0].id)).subscription).toBe(sub.id);
      const inv = await s2.invoices.retrieve(sub.latest_invoice as string);
      expect(inv.status).toBe("paid");
      const pdf = await fetch(inv.invoice_pdf!.replace(/:\d+\//, `:${second.port}/`));
      expect((await pdf.text()).startsWith("%PDF")).toBe(true);
      await s2.testHelpers.testClocks.advance(clock.id, { frozen_time: again.items.data[0].current_period_end + 7200 });
      for (let i = 0; i < 200 && (await s2.testHelpers.testClocks.retrieve(clock.id)).status !== "ready"; i++) await new Promise((r) => setTimeout(r, 25));
      expect((await s2.invoices.list({ subscription: sub.id })).data.map((i) => i.status)).toEqual(["paid", "paid"]);
      await s2.paymentMethods.detach(pm.id);
      expect((await s2.subscriptions.retrieve(sub.id)).default_payment_method).toBeNull();
    } finally {
      await second.close();
    }
  });
});
