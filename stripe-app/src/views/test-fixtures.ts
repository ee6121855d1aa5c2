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

/**
 * A fetch stand-in that answers by the backend path (the part after BACKEND_URL):
 * each handler gets the parsed body; a path without a handler fails the test.
 */
export function backendByPath(handlers: Record<string, (body: Record<string, unknown>) => Response | Promise<Response>>) {
  return async (url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const path = `/${String(url).split("/api/stripe-app/").pop()}`;
    const handler = handlers[path];
    if (!handler) throw new Error(`unexpected backend call ${path}`);
    return handler(JSON.parse(String(init?.body ?? "{}")));
  };
}

/** A response that never arrives: the view stays in its loading state. */
export const pending = () => new Promise<Response>(() => {});

type Fragment = { children: { type: string; props: { onPress: () => void }; children: { text?: string }[] }[] };

/** The Button inside an element prop (a Banner's actions), pressed: such Buttons are RemoteFragments, not tree nodes. */
export function pressPropButton(wrapper: Wrapper, node: { prop: (name: never) => unknown }, prop: string, label: string) {
  const fragment = node.prop(prop as never) as unknown as Fragment;
  const button = fragment.children.find((child) => child.type === "Button" && child.children.map((c) => c.text).join("") === label);
  if (!button) throw new Error(`no "${label}" button in ${prop}`);
  wrapper.act(() => button.props.onPress());
}
