import { onTestFinished } from "vitest";
import type { ReactElement } from "react";
import { render } from "@stripe/ui-extension-sdk/testing";
import { Button } from "@stripe/ui-extension-sdk/ui";
import type { StripeAppOrder, StripeAppView } from "../contract";

export const order = (overrides: Partial<StripeAppOrder> = {}): StripeAppOrder => ({
  id: "clorder0000000000ada00001",
  email: "ada@example.com",
  status: "paid",
  amount: 2800,
  currency: "usd",
  amountRefunded: 0,
  createdAt: "2026-11-20T10:00:00.000Z",
  paidAt: "2026-11-20T10:01:00.000Z",
  stripePaymentIntentId: "pi_1",
  stripeChargeId: "ch_1",
  stripeCustomerId: "cus_ada",
  lines: [{ productName: "Enamel Mug", unitAmount: 1400, quantity: 2, amount: 2800 }],
  fulfilment: { status: "unfulfilled", carrier: null, trackingNumber: null, shippedAt: null, deliveredAt: null },
  notes: [],
  ...overrides,
});

export const customerView = (overrides: Partial<StripeAppView> = {}): StripeAppView => ({
  object: { type: "customer", id: "cus_ada" },
  customer: { id: "cus_ada", notes: [] },
  orders: [order()],
  subscription: null,
  ...overrides,
});

export const json = (body: unknown, status = 200) => Response.json(body, { status });

/** render() that unmounts after the test (the SDK's render never does). */
export function renderView(element: ReactElement) {
  const result = render(element);
  onTestFinished(() => result.wrapper.unmount());
  return result;
}

type Wrapper = ReturnType<typeof render>["wrapper"];

/** The Button whose text is `label` (in the main tree, not inside element props). */
export function buttonLabelled(wrapper: Wrapper, label: string) {
  const found = wrapper.findAll(Button).filter((b) => b.text === label);
  if (found.length === 0) throw new Error(`no button "${label}"; buttons: ${wrapper.findAll(Button).map((b) => b.text).join(", ")}`);
  return found;
}
