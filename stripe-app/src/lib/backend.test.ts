import { afterEach, describe, expect, it, vi } from "vitest";
import { getMockContextProps } from "@stripe/ui-extension-sdk/testing";
import { fetchStripeSignature } from "@stripe/ui-extension-sdk/utils";
import { BackendError, backendUrl, DEFAULT_BACKEND_URL, postToBackend } from "./backend";

vi.mock("@stripe/ui-extension-sdk/utils", () => ({
  fetchStripeSignature: vi.fn(async () => "t=1700000000,v1=mocksignature"),
}));

afterEach(() => {
  vi.unstubAllGlobals();
  vi.mocked(fetchStripeSignature).mockClear();
});

describe("postToBackend", () => {
  it("asks Stripe to sign exactly the extra payload and sends it with user_id and account_id last", async () => {
    const fetchMock = vi.fn<typeof fetch>(async () => Response.json({ ok: true }));
    vi.stubGlobal("fetch", fetchMock);
    const context = getMockContextProps({ environment: { constants: { BACKEND_URL: "https://shop.test/api/stripe-app/" } } });
    context.userContext.roles = [{ id: "support_specialist", name: "Support specialist", type: "builtIn" }];

    await postToBackend("/support-notes", context, { order_id: "ord_1", body: "hello" });

    const signed = { order_id: "ord_1", body: "hello", stripe_roles: ["support_specialist"] };
    expect(fetchStripeSignature).toHaveBeenCalledWith(signed);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe("https://shop.test/api/stripe-app/support-notes");
    expect(init?.method).toBe("POST");
    expect(init?.headers).toEqual({ "Content-Type": "application/json", "Stripe-Signature": "t=1700000000,v1=mocksignature" });
    // Byte for byte what Stripe signs: JSON.stringify({...extra, user_id, account_id}).
    expect(init?.body).toBe(JSON.stringify({ ...signed, user_id: "usr_1234", account_id: "acct_1234" }));
  });

  it("sends no stripe_roles when the Dashboard gives none", async () => {
    const fetchMock = vi.fn<typeof fetch>(async () => Response.json({}));
    vi.stubGlobal("fetch", fetchMock);
    const context = getMockContextProps();
    context.userContext.roles = [];
    await postToBackend("/customer", context, { customer_id: "cus_1" });
    expect(fetchStripeSignature).toHaveBeenCalledWith({ customer_id: "cus_1" });
  });

  it("turns Payport's { error: { message } } into a BackendError with that message and the status", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Response.json({ error: { message: "No Payport order ord_9." } }, { status: 404 })));
    const error = await postToBackend("/mark-shipped", getMockContextProps(), { order_id: "ord_9", tracking_number: "1Z" }).catch((e) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect(error).toMatchObject({ message: "No Payport order ord_9.", status: 404 });
  });

  it("a non-JSON error body still gives a readable message", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => new Response("<html>bad gateway</html>", { status: 502 })));
    await expect(postToBackend("/customer", getMockContextProps(), {})).rejects.toThrow("Payport answered 502.");
  });

  it("backendUrl falls back to the default when the manifest has no BACKEND_URL", () => {
    expect(backendUrl({ ...getMockContextProps().environment, constants: undefined })).toBe(DEFAULT_BACKEND_URL);
  });
});
