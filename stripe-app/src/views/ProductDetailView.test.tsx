import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getMockContextProps } from "@stripe/ui-extension-sdk/testing";
import { Badge, Banner, ContextView, ListItem, Spinner, TextArea } from "@stripe/ui-extension-sdk/ui";
import { fetchStripeSignature } from "@stripe/ui-extension-sdk/utils";
import ProductDetailView from "./ProductDetailView";
import type { StripeAppProductView } from "../contract";
import { backendByPath, buttonLabelled, json, pending, pressPropButton, renderView } from "./test-fixtures";

vi.mock("@stripe/ui-extension-sdk/utils", () => ({
  fetchStripeSignature: vi.fn(async () => "t=1700000000,v1=mocksignature"),
}));

const context = (roles: string[] = ["admin"]) => {
  const props = getMockContextProps({
    environment: { viewportID: "stripe.dashboard.product.detail", objectContext: { id: "prod_team", object: "product" }, constants: { BACKEND_URL: "https://shop.test/api/stripe-app" } },
  });
  props.userContext.roles = roles.map((id) => ({ id, name: id, type: "builtIn" as const }));
  return props;
};

const productView = (overrides: Partial<StripeAppProductView> = {}): StripeAppProductView => ({
  product: { id: "prod_team", name: "Team", kind: "plan", active: true, features: ["Unlimited projects", "Priority support"] },
  canEdit: true,
  editRefusal: null,
  maxFeatures: 15,
  maxFeatureLength: 80,
  ...overrides,
});

const bodyOf = (call: Parameters<typeof fetch>) => JSON.parse(String(call[1]?.body));

describe("ProductDetailView", () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => vi.stubGlobal("fetch", fetchMock));
  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
    vi.mocked(fetchStripeSignature).mockClear();
  });

  it("loading: a spinner while Payport answers", async () => {
    fetchMock.mockImplementation(pending);
    const { wrapper, update } = renderView(<ProductDetailView {...context()} />);
    await update();
    expect(wrapper.find(ContextView)).toContainComponent(Spinner);
    expect(wrapper).not.toContainComponent(ListItem);
  });

  it("success: the plan's features, and the editor for an administrator; the product id and roles are signed", async () => {
    fetchMock.mockImplementation(backendByPath({ "/product": () => json(productView()) }));
    const { wrapper, update } = renderView(<ProductDetailView {...context()} />);
    await update();
    expect(fetchStripeSignature).toHaveBeenCalledWith({ product_id: "prod_team", stripe_roles: ["admin"] });
    expect(wrapper.find(ContextView)).toHaveProps({ title: "Payport plan features" });
    expect(wrapper).toContainComponent(ListItem, { title: "Unlimited projects" });
    expect(wrapper).toContainComponent(ListItem, { title: "Priority support" });
    expect(wrapper).toContainComponent(Badge, { type: "neutral" });
    expect(wrapper).toContainComponent(TextArea, { label: "Features (one per line)", value: "Unlimited projects\nPriority support" });
  });

  it("read-only: without an editing role there is no editor, and the reason is shown", async () => {
    const refusal = "Only Dashboard users with the super_admin, admin, developer role may edit plan features; your roles: support_specialist.";
    fetchMock.mockImplementation(backendByPath({ "/product": () => json(productView({ canEdit: false, editRefusal: refusal })) }));
    const { wrapper, update } = renderView(<ProductDetailView {...context(["support_specialist"])} />);
    await update();
    expect(wrapper).toContainComponent(ListItem, { title: "Unlimited projects" });
    expect(wrapper).not.toContainComponent(TextArea);
    expect(wrapper).toContainText(refusal);
  });

  it("empty: a plan without features, and a product Payport does not sell", async () => {
    fetchMock.mockImplementationOnce(async () => json(productView({ product: { ...productView().product!, features: [] } })));
    const first = renderView(<ProductDetailView {...context()} />);
    await first.update();
    expect(first.wrapper).toContainText("No features listed yet.");
    expect(first.wrapper).toContainComponent(TextArea, { value: "" });

    fetchMock.mockImplementationOnce(async () => json(productView({ product: null, canEdit: false, editRefusal: "Payport does not sell this product." })));
    const second = renderView(<ProductDetailView {...context()} />);
    await second.update();
    expect(second.wrapper).toContainText("Payport does not sell this product.");
    expect(second.wrapper).not.toContainComponent(TextArea);
  });

  it("error: the backend's message, and Retry loads again", async () => {
    fetchMock.mockImplementationOnce(async () => json({ error: { message: "Stripe-Signature does not match this request" } }, 401));
    const { wrapper, update } = renderView(<ProductDetailView {...context()} />);
    await update();
    const banner = wrapper.find(Banner, { type: "critical" })!;
    expect(banner).toHaveProps({ title: "Could not load Payport data", description: "Stripe-Signature does not match this request" });
    fetchMock.mockImplementationOnce(async () => json(productView()));
    pressPropButton(wrapper, banner, "actions", "Retry");
    await update();
    expect(wrapper).not.toContainComponent(Banner);
    expect(wrapper).toContainComponent(ListItem, { title: "Priority support" });
  });

  it("action: save sends the trimmed lines with a request id, then reloads", async () => {
    fetchMock.mockImplementation(backendByPath({ "/product": () => json(productView()), "/product-features": () => json(productView()) }));
    const { wrapper, update } = renderView(<ProductDetailView {...context()} />);
    await update();
    wrapper.find(TextArea)!.trigger("onChange", { target: { value: " Unlimited projects \n\nSSO\n" } });
    buttonLabelled(wrapper, "Save features")[0].trigger("onPress");
    await update();
    await update();
    const save = fetchMock.mock.calls.find(([url]) => String(url).endsWith("/product-features"))!;
    expect(bodyOf(save)).toEqual({
      product_id: "prod_team",
      features: ["Unlimited projects", "SSO"],
      request_id: expect.stringMatching(/^[A-Za-z0-9_-]{8,100}$/),
      stripe_roles: ["admin"],
      user_id: "usr_1234",
      account_id: "acct_1234",
    });
    expect(fetchMock.mock.calls.map(([url]) => String(url).split("/").pop())).toEqual(["product", "product-features", "product"]);
  });

  it("action: a refused save shows Payport's message in the field; too many lines are refused before sending", async () => {
    fetchMock.mockImplementation(
      backendByPath({ "/product": () => json(productView()), "/product-features": () => json({ error: { message: "Each feature may appear only once; remove the duplicate." } }, 400) }),
    );
    const { wrapper, update } = renderView(<ProductDetailView {...context()} />);
    await update();
    wrapper.find(TextArea)!.trigger("onChange", { target: { value: "SSO\nsso" } });
    buttonLabelled(wrapper, "Save features")[0].trigger("onPress");
    await update();
    await update();
    expect(wrapper).toContainComponent(TextArea, { error: "Each feature may appear only once; remove the duplicate." });

    const calls = fetchMock.mock.calls.length;
    wrapper.find(TextArea)!.trigger("onChange", { target: { value: Array.from({ length: 16 }, (_, i) => `F${i}`).join("\n") } });
    buttonLabelled(wrapper, "Save features")[0].trigger("onPress");
    await update();
    expect(wrapper).toContainComponent(TextArea, { error: "List at most 15 features." });
    expect(fetchMock.mock.calls).toHaveLength(calls);
  });
});
