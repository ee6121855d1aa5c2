import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getMockContextProps } from "@stripe/ui-extension-sdk/testing";
import { Banner, ListItem, Spinner } from "@stripe/ui-extension-sdk/ui";
import CustomerDetailView from "./CustomerDetailView";
import type { ActivityEntry, StripeAppActivityPage } from "../contract";
import { backendByPath, buttonLabelled, customerView, json, pending, pressPropButton, renderView } from "./test-fixtures";

vi.mock("@stripe/ui-extension-sdk/utils", () => ({
  fetchStripeSignature: vi.fn(async () => "t=1700000000,v1=mocksignature"),
}));

const context = () => {
  const props = getMockContextProps({
    environment: { viewportID: "stripe.dashboard.customer.detail", objectContext: { id: "cus_ada", object: "customer" }, constants: { BACKEND_URL: "https://shop.test/api/stripe-app" } },
  });
  props.userContext.roles = [];
  return props;
};

const entry = (overrides: Partial<ActivityEntry>): ActivityEntry => ({
  id: "e1",
  kind: "sign_in",
  at: "2026-11-20T10:00:00.000Z",
  title: "Signed in",
  detail: "email and password",
  actor: "ada@example.com",
  amount: null,
  ...overrides,
});

const activityPage = (entries: ActivityEntry[], nextCursor: string | null = null): StripeAppActivityPage => ({ customerId: "cus_ada", entries, nextCursor });

describe("CustomerDetailView account activity", () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => vi.stubGlobal("fetch", fetchMock));
  afterEach(() => {
    vi.unstubAllGlobals();
    fetchMock.mockReset();
  });

  async function openActivity(activity: (body: Record<string, unknown>) => Response | Promise<Response>) {
    fetchMock.mockImplementation(backendByPath({ "/customer": () => json(customerView()), "/activity": activity }));
    const rendered = renderView(<CustomerDetailView {...context()} />);
    await rendered.update();
    // Loaded on demand: the orders view alone does not read the sign-in history.
    expect(fetchMock.mock.calls.map(([url]) => String(url).split("/").pop())).toEqual(["customer"]);
    buttonLabelled(rendered.wrapper, "Show account activity")[0].trigger("onPress");
    return rendered;
  }

  it("loading: a spinner while the first page loads", async () => {
    const { wrapper, update } = await openActivity(pending);
    await update();
    expect(wrapper).toContainComponent(Spinner);
    expect(wrapper.findAll(Spinner)).toHaveLength(1);
  });

  it("success: entries of every kind, newest first, with detail, actor, date and amount", async () => {
    const { wrapper, update } = await openActivity(() =>
      json(
        activityPage([
          entry({ id: "a", kind: "portal", title: "Card added", detail: "visa •••• 4242" }),
          entry({ id: "b", kind: "refund", title: "Refund", detail: "succeeded", actor: null, amount: { value: 1400, currency: "usd" } }),
          entry({ id: "c", kind: "sign_in_failed", title: "Sign-in failed", at: "2026-11-19T10:00:00.000Z" }),
        ]),
      ),
    );
    await update();
    expect(wrapper).toContainComponent(ListItem, { title: "Card added", secondaryTitle: "visa •••• 4242 · ada@example.com · Nov 20, 2026" });
    expect(wrapper).toContainComponent(ListItem, { title: "Refund", secondaryTitle: "succeeded · Nov 20, 2026", value: "$14.00" });
    expect(wrapper).toContainComponent(ListItem, { title: "Sign-in failed" });
    expect(wrapper).not.toContainText("Load older activity");
    const call = fetchMock.mock.calls.find(([url]) => String(url).endsWith("/activity"))!;
    expect(JSON.parse(String(call[1]?.body))).toEqual({ customer_id: "cus_ada", user_id: "usr_1234", account_id: "acct_1234" });
  });

  it("empty: a customer with no activity", async () => {
    const { wrapper, update } = await openActivity(() => json(activityPage([])));
    await update();
    expect(wrapper).toContainText("No account activity yet.");
  });

  it("paging: Load older activity sends the cursor and appends the next page", async () => {
    const bodies: Record<string, unknown>[] = [];
    const { wrapper, update } = await openActivity((body) => {
      bodies.push(body);
      return json(body.cursor ? activityPage([entry({ id: "old", title: "Order placed", kind: "order" })]) : activityPage([entry({ id: "new" })], "CURSOR1"));
    });
    await update();
    buttonLabelled(wrapper, "Load older activity")[0].trigger("onPress");
    await update();
    await update();
    expect(bodies.map((b) => b.cursor)).toEqual([undefined, "CURSOR1"]);
    expect(wrapper).toContainComponent(ListItem, { title: "Signed in" });
    expect(wrapper).toContainComponent(ListItem, { title: "Order placed" });
    expect(wrapper).not.toContainText("Load older activity");
  });

  it("error: the backend's message, and Retry loads the page again", async () => {
    let attempts = 0;
    const { wrapper, update } = await openActivity(() => (++attempts === 1 ? json({ error: { message: "The page cursor is not valid; start from the first page." } }, 400) : json(activityPage([entry({})]))));
    await update();
    await update();
    const banner = wrapper.find(Banner, { title: "Could not load the account activity" })!;
    expect(banner).toHaveProps({ description: "The page cursor is not valid; start from the first page." });
    pressPropButton(wrapper, banner, "actions", "Retry");
    await update();
    await update();
    expect(wrapper).not.toContainComponent(Banner);
    expect(wrapper).toContainComponent(ListItem, { title: "Signed in" });
  });
});
