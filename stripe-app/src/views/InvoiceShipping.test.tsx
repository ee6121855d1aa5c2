import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getMockContextProps } from "@stripe/ui-extension-sdk/testing";
import { Banner, Checkbox, ListItem, Select, Spinner, TextField } from "@stripe/ui-extension-sdk/ui";
import InvoiceDetailView from "./InvoiceDetailView";
import type { ShippingOrder, StripeAppInvoiceShipping } from "../contract";
import { backendByPath, buttonLabelled, customerView, json, pending, pressPropButton, renderView } from "./test-fixtures";

vi.mock("@stripe/ui-extension-sdk/utils", () => ({
  fetchStripeSignature: vi.fn(async () => "t=1700000000,v1=mocksignature"),
}));

const context = () => {
  const props = getMockContextProps({
    environment: { viewportID: "stripe.dashboard.invoice.detail", objectContext: { id: "in_1", object: "invoice" }, constants: { BACKEND_URL: "https://shop.test/api/stripe-app" } },
  });
  props.userContext.roles = [];
  return props;
};

const shippingOrder = (overrides: Partial<ShippingOrder> = {}): ShippingOrder => ({
  id: "clorder0000000000ada00001",
  status: "paid",
  amount: 3700,
  currency: "usd",
  fulfilment: { status: "delivered", carrier: "UPS", trackingNumber: "1ZADA", shippedAt: "2026-11-21T09:00:00.000Z", deliveredAt: "2026-11-23T09:00:00.000Z" },
  lines: [
    { id: "line_mug", productName: "Enamel Mug", quantity: 2, shippedQuantity: 2, returnedQuantity: 1 },
    { id: "line_towel", productName: "Tea Towel", quantity: 1, shippedQuantity: 1, returnedQuantity: 0 },
  ],
  returns: [{ id: "ret_1", orderLineId: "line_mug", quantity: 1, status: "requested", reason: "Chipped", outsideWindow: false, recordedBy: "usr_9", createdAt: "2026-11-24T09:00:00.000Z" }],
  returnWindow: { days: 30, closesAt: "2026-12-23T09:00:00.000Z", open: true },
  ...overrides,
});

const shipping = (orders: ShippingOrder[]): StripeAppInvoiceShipping => ({ invoiceId: "in_1", returnWindowDays: 30, orders });

describe("InvoiceDetailView shipping and returns", () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => vi.stubGlobal("fetch", fetchMock));
  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });

  async function mount(handler: (body: Record<string, unknown>) => Response | Promise<Response>, returns?: (body: Record<string, unknown>) => Response | Promise<Response>) {
    fetchMock.mockImplementation(
      backendByPath({ "/invoice": () => json(customerView({ object: { type: "invoice", id: "in_1" } })), "/invoice-shipping": handler, ...(returns && { "/returns": returns }) }),
    );
    const rendered = renderView(<InvoiceDetailView {...context()} />);
    await rendered.update();
    await rendered.update();
    return rendered;
  }

  it("loading: a spinner in the section while Payport answers", async () => {
    const { wrapper } = await mount(pending);
    expect(wrapper).toContainText("Shipping and returns");
    expect(wrapper).toContainComponent(Spinner);
  });

  it("success: fulfilment, tracking, the return window, lines with shipped/returned counts and the returns", async () => {
    const { wrapper } = await mount(() => json(shipping([shippingOrder()])));
    expect(wrapper).toContainText("UPS 1ZADA · shipped Nov 21, 2026 · delivered Nov 23, 2026");
    expect(wrapper).toContainText("Return window (30 days): open until Dec 23, 2026.");
    expect(wrapper).toContainComponent(ListItem, { title: "Enamel Mug × 2", secondaryTitle: "2 shipped · 1 returned" });
    expect(wrapper).toContainComponent(ListItem, { title: "Return: 1 × Enamel Mug requested", secondaryTitle: "Chipped · usr_9 · Nov 24, 2026" });
    expect(wrapper).toContainComponent(Select, { label: "Line returned", value: "line_mug" });
    expect(wrapper).not.toContainComponent(Checkbox); // the window is open: no override offered
  });

  it("empty: an invoice that paid for nothing that ships; an unshipped order offers no return", async () => {
    const first = await mount(() => json(shipping([])));
    expect(first.wrapper).toContainText("This invoice paid for no Payport order that ships.");

    const unshipped = shippingOrder({
      fulfilment: { status: "unfulfilled", carrier: null, trackingNumber: null, shippedAt: null, deliveredAt: null },
      lines: [{ id: "line_mug", productName: "Enamel Mug", quantity: 2, shippedQuantity: 0, returnedQuantity: 0 }],
      returns: [],
      returnWindow: null,
    });
    const second = await mount(() => json(shipping([unshipped])));
    expect(second.wrapper).toContainText("Return window: starts when the order ships.");
    expect(second.wrapper).toContainText("No returns.");
    expect(second.wrapper).not.toContainText("Record return");
  });

  it("error: the backend's message, and Retry loads the section again", async () => {
    let attempts = 0;
    const { wrapper, update } = await mount(() => (++attempts === 1 ? json({ error: { message: "Stripe did not answer while looking up this invoice; try again." } }, 502) : json(shipping([shippingOrder()]))));
    const banner = wrapper.find(Banner, { title: "Could not load shipping and returns" })!;
    expect(banner).toHaveProps({ description: "Stripe did not answer while looking up this invoice; try again." });
    pressPropButton(wrapper, banner, "actions", "Retry");
    await update();
    expect(wrapper).not.toContainComponent(Banner);
    expect(wrapper).toContainText("Return window (30 days): open until Dec 23, 2026.");
  });

  it("action: record a return posts the line, quantity, status, reason and a request id, then reloads", async () => {
    const posted: Record<string, unknown>[] = [];
    const { wrapper, update } = await mount(
      () => json(shipping([shippingOrder()])),
      (body) => {
        posted.push(body);
        return json({ return: {}, order: shippingOrder() }, 201);
      },
    );
    wrapper.find(Select, { label: "Line returned" })!.trigger("onChange", { target: { value: "line_towel" } });
    wrapper.find(Select, { label: "Status" })!.trigger("onChange", { target: { value: "received" } });
    wrapper.find(TextField, { label: "Reason (optional)" })!.trigger("onChange", { target: { value: " Wrong colour " } });
    buttonLabelled(wrapper, "Record return")[0].trigger("onPress");
    await update();
    await update();
    expect(posted).toEqual([
      { order_id: "clorder0000000000ada00001", order_line_id: "line_towel", quantity: 1, status: "received", reason: "Wrong colour", request_id: expect.stringMatching(/^[A-Za-z0-9_-]{8,100}$/), user_id: "usr_1234", account_id: "acct_1234" },
    ]);
    expect(fetchMock.mock.calls.filter(([url]) => String(url).endsWith("/invoice-shipping"))).toHaveLength(2);
  });

  it("action: more than is left to return is refused before sending; Payport's refusal shows in the form", async () => {
    const { wrapper, update } = await mount(
      () => json(shipping([shippingOrder()])),
      () => json({ error: { message: "Only 0 × Enamel Mug can still be returned: 2 shipped, 2 already returned." } }, 409),
    );
    wrapper.find(TextField, { label: "Quantity" })!.trigger("onChange", { target: { value: "2" } });
    buttonLabelled(wrapper, "Record return")[0].trigger("onPress");
    await update();
    expect(wrapper).toContainComponent(TextField, { label: "Quantity", error: "Only 1 × Enamel Mug can still be returned." });
    expect(fetchMock.mock.calls.some(([url]) => String(url).endsWith("/returns"))).toBe(false);
    // A receipt may cover the mug already requested back: both can still arrive, not three.
    wrapper.find(Select, { label: "Status" })!.trigger("onChange", { target: { value: "received" } });
    wrapper.find(TextField, { label: "Quantity" })!.trigger("onChange", { target: { value: "3" } });
    buttonLabelled(wrapper, "Record return")[0].trigger("onPress");
    await update();
    expect(wrapper).toContainComponent(TextField, { label: "Quantity", error: "Only 2 × Enamel Mug can still be received back." });
    expect(fetchMock.mock.calls.some(([url]) => String(url).endsWith("/returns"))).toBe(false);
    wrapper.find(Select, { label: "Status" })!.trigger("onChange", { target: { value: "requested" } });

    wrapper.find(TextField, { label: "Quantity" })!.trigger("onChange", { target: { value: "1" } });
    buttonLabelled(wrapper, "Record return")[0].trigger("onPress");
    await update();
    await update();
    expect(wrapper).toContainComponent(TextField, { label: "Quantity", error: "Only 0 × Enamel Mug can still be returned: 2 shipped, 2 already returned." });
  });

  it("action: after the window, the override must be ticked, and is then sent", async () => {
    const posted: Record<string, unknown>[] = [];
    const closed = shippingOrder({ returnWindow: { days: 30, closesAt: "2026-10-01T00:00:00.000Z", open: false } });
    const { wrapper, update } = await mount(
      () => json(shipping([closed])),
      (body) => {
        posted.push(body);
        return json({ return: {}, order: closed }, 201);
      },
    );
    expect(wrapper).toContainText("Return window (30 days): closed on Oct 1, 2026.");
    buttonLabelled(wrapper, "Record return")[0].trigger("onPress");
    await update();
    expect(wrapper).toContainComponent(TextField, { label: "Quantity", error: "The return window has closed: tick the override to accept this return anyway." });
    expect(posted).toEqual([]);

    wrapper.find(Checkbox, { label: "Accept outside the return window (staff override)" })!.trigger("onChange", { target: { checked: true } });
    buttonLabelled(wrapper, "Record return")[0].trigger("onPress");
    await update();
    await update();
    expect(posted).toEqual([expect.objectContaining({ order_line_id: "line_mug", quantity: 1, status: "requested", override_window: true })]);
  });
});
