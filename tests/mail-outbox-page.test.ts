// The local outbox (/dev/mail) is a development tool: it answers only with no
// SMTP configured and outside production, and is a 404 otherwise.
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import OutboxMessagePage from "@/app/dev/mail/[id]/page";
import { GET as messageHtml } from "@/app/dev/mail/[id]/html/route";
import OutboxPage from "@/app/dev/mail/page";
import { enqueueEmail } from "@/lib/mail/outbox";
import { orderReceipt } from "@/lib/mail/templates";
import { testDatabases, useTestDatabase } from "./helpers/db";
import { useLocalStripeEnv } from "./helpers/env";
import { uniqueId } from "./helpers/stripe-events";

beforeAll(() => useLocalStripeEnv());
afterEach(() => vi.unstubAllEnvs());

const digestOf = (error: unknown) => String((error as { digest?: string })?.digest ?? error);
const params = (id: string) => ({ params: Promise.resolve({ id }) });
const htmlRequest = (id: string) => messageHtml(new Request(`http://payport.test/dev/mail/${id}/html`), params(id));

describe.each(testDatabases())("/dev/mail on %s", (kind) => {
  const test = useTestDatabase(kind);

  async function message() {
    const subjectId = uniqueId("ord");
    const email = orderReceipt({ orderId: subjectId, currency: "jpy", amount: 1500, lines: [{ productName: "Mug", quantity: 1, amount: 1500 }], orderUrl: "http://localhost:3000/x" });
    await enqueueEmail(test.db, { kind: "order_receipt", subjectId, to: "ada@example.com", ...email });
    return test.db.emailMessage.findFirstOrThrow({ where: { subjectId } });
  }

  it("in development with no SMTP_URL, lists the messages and shows one in text and HTML", async () => {
    vi.stubEnv("SMTP_URL", "");
    const row = await message();
    const list = renderToStaticMarkup(await OutboxPage());
    expect(list).toContain("Your Payport receipt: ¥1,500");
    expect(list).toContain(`/dev/mail/${row.id}`);
    expect(renderToStaticMarkup(await OutboxMessagePage(params(row.id)))).toContain("Total paid: ¥1,500");
    const res = await htmlRequest(row.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toContain("<title>Your Payport receipt: ¥1,500</title>");
  });

  it("an unknown message is a 404", async () => {
    await expect(OutboxMessagePage(params("nope"))).rejects.toSatisfy((e) => digestOf(e) === "NEXT_HTTP_ERROR_FALLBACK;404");
    expect((await htmlRequest("nope")).status).toBe(404);
  });

  it.each([
    ["in production", { NODE_ENV: "production" }],
    ["with SMTP configured", { SMTP_URL: "smtps://user:secret@smtp.example.com:465" }],
  ])("%s every page of it is a 404", async (_name, env) => {
    const row = await message();
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    await expect(OutboxPage()).rejects.toSatisfy((e) => digestOf(e) === "NEXT_HTTP_ERROR_FALLBACK;404");
    await expect(OutboxMessagePage(params(row.id))).rejects.toSatisfy((e) => digestOf(e) === "NEXT_HTTP_ERROR_FALLBACK;404");
    const res = await htmlRequest(row.id);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("Payport receipt");
  });
});
