import { describe, expect, it, onTestFinished, vi } from "vitest";
import { getMockContextProps } from "@stripe/ui-extension-sdk/testing";
import { ContextView, ListItem } from "@stripe/ui-extension-sdk/ui";
import { fetchStripeSignature } from "@stripe/ui-extension-sdk/utils";
import PaymentDetailView from "./PaymentDetailView";
import InvoiceDetailView from "./InvoiceDetailView";
import { customerView, renderView } from "./test-fixtures";

vi.mock("@stripe/ui-extension-sdk/utils", () => ({
  fetchStripeSignature: vi.fn(async () => "sig"),
}));

describe.each([
  { View: PaymentDetailView, path: "/payment", field: "payment_id", object: { id: "pi_1", object: "payment_intent" }, empty: "No Payport order was paid with this payment." },
  { View: PaymentDetailView, path: "/payment", field: "payment_id", object: { id: "ch_1", object: "charge" }, empty: "No Payport order was paid with this charge." },
  { View: InvoiceDetailView, path: "/invoice", field: "invoice_id", object: { id: "in_1", object: "invoice" }, empty: "No Payport orders for this invoice's customer." },
])("$View.name on a $object.object", ({ View, path, field, object, empty }) => {
  const mount = (body: unknown) => {
    // The invoice page also loads its shipping and returns section.
    const fetchMock = vi.fn<typeof fetch>(async (url) =>
      String(url).endsWith("/invoice-shipping") ? Response.json({ invoiceId: object.id, returnWindowDays: 30, orders: [] }) : Response.json(body),
    );
    vi.stubGlobal("fetch", fetchMock);
    onTestFinished(() => {
      vi.unstubAllGlobals();
      vi.mocked(fetchStripeSignature).mockClear();
    });
    const props = getMockContextProps({ environment: { objectContext: object } });
    props.userContext.roles = [];
    return { fetchMock, ...renderView(<View {...props} />) };
  };

  it(`posts the ${field} (signed) to ${path} and shows the order`, async () => {
    const { fetchMock, wrapper, update } = mount(customerView({ object: { type: object.object as "charge", id: object.id } }));
    await update();
    expect(fetchStripeSignature).toHaveBeenCalledWith({ [field]: object.id });
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe(`https://payport.example.com/api/stripe-app${path}`);
    expect(JSON.parse(String(init?.body))).toEqual({ [field]: object.id, user_id: "usr_1234", account_id: "acct_1234" });
    expect(wrapper.find(ContextView)).toContainComponent(ListItem, { title: "Enamel Mug × 2" });
  });

  it("shows its empty state when Payport has no order", async () => {
    const { wrapper, update } = mount({ object: { type: object.object, id: object.id }, customer: null, orders: [], subscription: null });
    await update();
    expect(wrapper).toContainText(empty);
  });
});
