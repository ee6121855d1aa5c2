import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Offline checks of stripe-app.json (the Stripe CLI validates it for real on
// `stripe apps upload`). The rules restate Stripe's published manifest schema.
const root = path.resolve(__dirname, "..");
const read = (file: string) => JSON.parse(readFileSync(path.join(root, file), "utf8"));
const manifest = read("stripe-app.json");
const local = read("stripe-app.local.json");

const VIEWS: Record<string, string> = {
  "stripe.dashboard.customer.detail": "CustomerDetailView",
  "stripe.dashboard.payment.detail": "PaymentDetailView",
  "stripe.dashboard.invoice.detail": "InvoiceDetailView",
  "stripe.dashboard.product.detail": "ProductDetailView",
};
// Every path the extension calls on Payport's backend.
const BACKEND_PATHS = ["/customer", "/payment", "/invoice", "/support-notes", "/mark-shipped", "/product", "/product-features", "/activity", "/invoice-shipping", "/returns"];
const covered = (url: string, sources: string[]) => sources.some((src) => (src.endsWith("/") ? url.startsWith(src) : url === src));

describe("stripe-app.json", () => {
  it("has the required top-level fields and nothing the schema rejects", () => {
    for (const key of ["id", "version", "name", "icon", "permissions", "ui_extension"]) expect(manifest, key).toHaveProperty(key);
    expect(manifest.id).toMatch(/^[a-zA-Z0-9_\-.]+$/);
    expect(manifest.distribution_type).toBe("private");
    const allowed = ["$schema", "id", "version", "name", "icon", "permissions", "post_install_action", "ui_extension", "constants", "allowed_redirect_uris", "distribution_type", "stripe_api_access_type", "sandbox_install_compatible"];
    expect(Object.keys(manifest).filter((k) => !allowed.includes(k))).toEqual([]);
  });

  it("icon is ./….png and exists", () => {
    expect(manifest.icon).toMatch(/^\.\/[^]*\.png$/);
    expect(existsSync(path.join(root, manifest.icon))).toBe(true);
  });

  // Read access is all the extension needs: writes (notes, shipments, returns, plan features) go
  // through Payport's backend, which calls Stripe with Payport's own key.
  it("asks only for read permissions, each with a purpose", () => {
    expect(manifest.permissions.map((p: { permission: string }) => p.permission).sort()).toEqual(["charge_read", "customer_read", "invoice_read", "payment_intent_read", "product_read"]);
    for (const p of manifest.permissions) {
      expect(Object.keys(p).sort()).toEqual(["permission", "purpose"]);
      expect(p.permission).toMatch(/^[a-z_]+_read$/);
      expect(p.purpose.length).toBeGreaterThan(20);
    }
  });

  it("declares the customer, payment, invoice and product detail views, each a default-exported component in src/views", async () => {
    const views: { viewport: string; component: string }[] = manifest.ui_extension.views;
    expect(Object.fromEntries(views.map((v) => [v.viewport, v.component]))).toEqual(VIEWS);
    for (const { component } of views) {
      expect(component).toMatch(/^[a-zA-Z0-9_]+$/);
      const mod = await import(`./views/${component}.tsx`);
      expect(typeof mod.default, component).toBe("function");
    }
  });

  it("connect-src has a purpose and URLs with a path, and covers every backend call at BACKEND_URL", () => {
    for (const m of [manifest, local]) {
      const csp = m.ui_extension.content_security_policy;
      expect(csp.purpose.length).toBeGreaterThan(0);
      for (const src of csp["connect-src"]) expect(src).toMatch(/^https?:\/\/.*\/.+/);
      for (const p of BACKEND_PATHS) expect(covered(`${m.constants.BACKEND_URL}${p}`, csp["connect-src"]), p).toBe(true);
    }
    expect(local.extends).toBe("stripe-app.json");
    expect(manifest.constants.BACKEND_URL).toMatch(/^https:\/\//);
  });
});
