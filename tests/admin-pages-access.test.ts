// Admin pages refuse on the server before reading any data: a visitor is sent
// to sign in (and back), a customer gets 403 (forbidden(): the access-refused page).
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import AuditPage from "@/app/admin/audit/page";
import CustomerDetailPage from "@/app/admin/customers/[id]/page";
import CustomersPage from "@/app/admin/customers/page";
import EventDetailPage from "@/app/admin/events/[id]/page";
import EventsPage from "@/app/admin/events/page";
import AdminLayout from "@/app/admin/layout";
import AdminIndex from "@/app/admin/page";
import PaymentDetailPage from "@/app/admin/payments/[id]/page";
import ChargePaymentPage from "@/app/admin/payments/charges/[id]/page";
import PaymentsPage from "@/app/admin/payments/page";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useLocalStripeEnv } from "./helpers/env";
import { useSignedInAs } from "./helpers/session";
import { uniqueId } from "./helpers/stripe-events";

beforeAll(() => {
  useLocalStripeEnv();
  // What next.config's experimental.authInterrupts sets in the build; forbidden() refuses to run without it.
  process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";
});

const search = { searchParams: Promise.resolve({}) };
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

function digestOf(error: unknown): string {
  return String((error as { digest?: string })?.digest ?? error);
}

describe.each(testDatabases())("admin pages access on %s", (kind) => {
  const test = useTestDatabase(kind);
  const signInAs = useSignedInAs();

  const pages: [string, () => Promise<unknown>][] = [
    ["/admin", () => AdminIndex()],
    ["/admin/payments", () => PaymentsPage(search)],
    ["/admin/payments/[id]", () => PaymentDetailPage(idParams("some-order"))],
    ["/admin/payments/charges/[id]", () => ChargePaymentPage(idParams("some-payment"))],
    ["/admin/customers", () => CustomersPage(search)],
    ["/admin/customers/[id]", () => CustomerDetailPage(idParams("some-user"))],
    ["/admin/events", () => EventsPage(search)],
    ["/admin/events/[id]", () => EventDetailPage(idParams("evt_1"))],
    ["/admin/audit", () => AuditPage(search)],
  ];

  it("a visitor is redirected to /signin with a way back", async () => {
    signInAs(null);
    for (const [name, render] of pages) {
      const error = await render().then(() => null, (e: unknown) => e);
      expect(digestOf(error), name).toMatch(/^NEXT_REDIRECT;replace;\/signin\?callbackUrl=%2Fadmin/);
    }
  });

  it("the shell renders no admin UI for a visitor (it sends them to sign in from the browser)", async () => {
    signInAs(null);
    const element = (await AdminLayout({ children: "secret" })) as { props: Record<string, unknown> };
    expect(JSON.stringify(element.props ?? {})).not.toContain("secret");
  });

  it("a customer gets a 403", async () => {
    signInAs(await test.db.user.create({ data: { email: `c.${uniqueId("u")}@example.com` } }));
    for (const [name, render] of [...pages, ["/admin (layout)", () => AdminLayout({ children: null })] as const]) {
      const error = await render().then(() => null, (e: unknown) => e);
      expect(digestOf(error), name).toBe("NEXT_HTTP_ERROR_FALLBACK;403");
    }
  });

  it("every admin page file checks the role itself (layouts and pages render independently)", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (name === "page.tsx") files.push(full);
      }
    };
    for (const section of ["payments", "customers", "events", "audit"]) walk(path.join("app", "admin", section));
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const file of files) expect(readFileSync(file, "utf8"), file).toMatch(/await requireAdminPageOrSignIn\(/);
  });
});
