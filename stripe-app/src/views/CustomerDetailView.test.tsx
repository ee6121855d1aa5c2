import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getMockContextProps } from "@stripe/ui-extension-sdk/testing";
import { Badge, Banner, ContextView, ListItem, Spinner, TextArea, TextField } from "@stripe/ui-extension-sdk/ui";
import { fetchStripeSignature } from "@stripe/ui-extension-sdk/utils";
import CustomerDetailView from "./CustomerDetailView";
import { buttonLabelled, customerView, json, order, renderView } from "./test-fixtures";

vi.mock("@stripe/ui-extension-sdk/utils", () => ({
  fetchStripeSignature: vi.fn(async () => "t=1700000000,v1=mocksignature"),
}));

const context = () => {
  const props = getMockContextProps({
    environment: {
      viewportID: "stripe.dashboard.customer.detail",
      objectContext: { id: "cus_ada", object: "customer" },
      constants: { BACKEND_URL: "https://shop.test/api/stripe-app" },
    },
  });
  props.userContext.roles = [];
  return props;
};

const bodyOf = (call: Parameters<typeof fetch>) => JSON.parse(String(call[1]?.body));

describe("CustomerDetailView", () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => vi.stubGlobal("fetch", fetchMock));
  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
    vi.mocked(fetchStripeSignature).mockClear();
  });

  it("shows a spinner, then the customer's orders, lines, fulfilment and notes, and an empty plan section", async () => {
    fetchMock.mockResolvedValueOnce(
      json(
        customerView({
          orders: [
            order({
              fulfilment: { status: "shipped", carrier: "UPS", trackingNumber: "1ZADA", shippedAt: "2026-11-21T09:00:00.000Z", deliveredAt: null },
              notes: [{ id: "n1", orderId: "o", stripeCustomerId: "cus_ada", body: "Gift wrap please", author: "usr_9", source: "stripe_app", createdAt: "2026-11-20T11:00:00.000Z" }],
            }),
          ],
          customer: { id: "cus_ada", notes: [{ id: "n2", orderId: null, stripeCustomerId: "cus_ada", body: "Prefers email", author: "admin@payport.test", source: "admin", createdAt: "2026-11-19T11:00:00.000Z" }] },
        }),
      ),
    );
    const { wrapper, update } = renderView(<CustomerDetailView {...context()} />);
    expect(wrapper.find(ContextView)).toContainComponent(Spinner);

    await update();
    expect(wrapper).not.toContainComponent(Spinner);
    expect(wrapper.find(ContextView)).toHaveProps({ title: "Payport customer" });
    expect(wrapper).toContainComponent(ListItem, { title: "Enamel Mug × 2", value: "$28.00" });
    expect(wrapper).toContainComponent(Badge, { type: "positive" }); // paid
    expect(wrapper).toContainComponent(Badge, { type: "info" }); // shipped
    expect(wrapper).toContainText("UPS 1ZADA · shipped Nov 21, 2026");
    expect(wrapper).toContainComponent(ListItem, { title: "Gift wrap please" });
    expect(wrapper).toContainComponent(ListItem, { title: "Prefers email" });
    expect(wrapper).toContainText("No subscription.");
    // Already shipped: the form offers a correction.
    expect(wrapper).toContainComponent(TextField, { label: "Correct the tracking number" });
  });

  it("signs the request and sends the customer id with the user and account ids", async () => {
    fetchMock.mockResolvedValueOnce(json(customerView()));
    const { update } = renderView(<CustomerDetailView {...context()} />);
    await update();
    expect(fetchStripeSignature).toHaveBeenCalledWith({ customer_id: "cus_ada" });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("https://shop.test/api/stripe-app/customer");
    expect(init?.headers).toMatchObject({ "Stripe-Signature": "t=1700000000,v1=mocksignature" });
    expect(init?.body).toBe('{"customer_id":"cus_ada","user_id":"usr_1234","account_id":"acct_1234"}');
  });

  it("empty state: a customer without Payport orders", async () => {
    fetchMock.mockResolvedValueOnce(json(customerView({ orders: [] })));
    const { wrapper, update } = renderView(<CustomerDetailView {...context()} />);
    await update();
    expect(wrapper).toContainText("This customer has no Payport orders yet.");
    expect(wrapper).toContainText("No notes about this customer.");
    expect(wrapper).not.toContainComponent(TextField);
  });

  it("error state shows the backend's message; Retry (inside the Banner's actions) loads again", async () => {
    fetchMock.mockResolvedValueOnce(json({ error: { message: "Stripe-Signature is older than 300 s; fetch a fresh signature for every request." } }, 401));
    const { wrapper, update } = renderView(<CustomerDetailView {...context()} />);
    await update();
    expect(wrapper).toContainComponent(Banner, { type: "critical", title: "Could not load Payport data", description: "Stripe-Signature is older than 300 s; fetch a fresh signature for every request." });

    // Buttons passed through element props become RemoteFragments: reach in via the prop.
    const actions = wrapper.find(Banner)!.prop("actions") as unknown as { children: { type: string; props: { onPress: () => void }; children: { text?: string }[] }[] };
    const retry = actions.children.find((child) => child.type === "Button")!;
    expect(retry.children.map((c) => c.text)).toEqual(["Retry"]);
    fetchMock.mockResolvedValueOnce(json(customerView()));
    wrapper.act(() => retry.props.onPress());
    await update();
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(wrapper).not.toContainComponent(Banner);
    expect(wrapper).toContainComponent(ListItem, { title: "Enamel Mug × 2" });
  });

  it("action: mark shipped posts the order id and tracking number, then reloads the view", async () => {
    fetchMock.mockImplementation(async () => json(customerView()));
    const { wrapper, update } = renderView(<CustomerDetailView {...context()} />);
    await update();

    wrapper.find(TextField, { label: "Tracking number" })!.trigger("onChange", { target: { value: " 1Z999AA1 " } });
    wrapper.find(TextField, { label: "Carrier (optional)" })!.trigger("onChange", { target: { value: "UPS" } });
    fetchMock.mockImplementationOnce(async () => json({ orderId: order().id, fulfilment: {} }));
    buttonLabelled(wrapper, "Mark shipped")[0].trigger("onPress");
    await update();
    await update();

    const ship = fetchMock.mock.calls.find(([url]) => String(url).endsWith("/mark-shipped"))!;
    expect(bodyOf(ship)).toEqual({ order_id: order().id, tracking_number: "1Z999AA1", carrier: "UPS", user_id: "usr_1234", account_id: "acct_1234" });
    expect(fetchStripeSignature).toHaveBeenCalledWith({ order_id: order().id, tracking_number: "1Z999AA1", carrier: "UPS" });
    // initial load, the action, the reload
    expect(fetchMock.mock.calls.map(([url]) => String(url).split("/").pop())).toEqual(["customer", "mark-shipped", "customer"]);
  });

  it("action: mark shipped without a tracking number says so and sends nothing", async () => {
    fetchMock.mockImplementation(async () => json(customerView()));
    const { wrapper, update } = renderView(<CustomerDetailView {...context()} />);
    await update();
    buttonLabelled(wrapper, "Mark shipped")[0].trigger("onPress");
    await update();
    expect(wrapper).toContainComponent(TextField, { label: "Tracking number", error: "Enter the carrier's tracking number." });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("action: add a note about the order; a refused save shows Payport's message in the field", async () => {
    fetchMock.mockImplementation(async () => json(customerView()));
    const { wrapper, update } = renderView(<CustomerDetailView {...context()} />);
    await update();

    const [orderNote] = wrapper.findAll(TextArea);
    orderNote.trigger("onChange", { target: { value: "Left with the neighbour" } });
    fetchMock.mockImplementationOnce(async () => json({ error: { message: "Your Dashboard role is view-only: ask an administrator to make this change." } }, 403));
    buttonLabelled(wrapper, "Add note")[0].trigger("onPress");
    await update();
    await update();

    const post = fetchMock.mock.calls.find(([url]) => String(url).endsWith("/support-notes"))!;
    expect(bodyOf(post)).toEqual({ order_id: order().id, body: "Left with the neighbour", user_id: "usr_1234", account_id: "acct_1234" });
    expect(wrapper).toContainComponent(TextArea, { error: "Your Dashboard role is view-only: ask an administrator to make this change." });
  });

  it("action: add a note about the customer sends customer_id", async () => {
    fetchMock.mockImplementation(async () => json(customerView({ orders: [] })));
    const { wrapper, update } = renderView(<CustomerDetailView {...context()} />);
    await update();
    wrapper.find(TextArea)!.trigger("onChange", { target: { value: "VIP" } });
    fetchMock.mockImplementationOnce(async () => json({ note: {} }, 201));
    buttonLabelled(wrapper, "Add note")[0].trigger("onPress");
    await update();
    await update();
    const post = fetchMock.mock.calls.find(([url]) => String(url).endsWith("/support-notes"))!;
    expect(bodyOf(post)).toMatchObject({ customer_id: "cus_ada", body: "VIP" });
    expect(fetchMock.mock.calls).toHaveLength(3); // load, note, reload
  });

  it("no ship form for unpaid or delivered orders", async () => {
    fetchMock.mockResolvedValueOnce(
      json(customerView({ orders: [order({ id: "o_pending", status: "pending" }), order({ id: "o_done", fulfilment: { status: "delivered", carrier: null, trackingNumber: "X1", shippedAt: null, deliveredAt: "2026-11-22T00:00:00.000Z" } })] })),
    );
    const { wrapper, update } = renderView(<CustomerDetailView {...context()} />);
    await update();
    expect(wrapper).not.toContainComponent(TextField);
    expect(wrapper).toContainText("delivered Nov 22, 2026");
  });

  it("without an object in context it says where to open the app and calls nothing", async () => {
    const props = context();
    props.environment.objectContext = null;
    const { wrapper, update } = renderView(<CustomerDetailView {...props} />);
    await update();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(wrapper).toContainComponent(Banner, { description: "Open this app from a Stripe customer, payment, invoice or product." });
  });
});
