import { POST as checkoutRoute } from "@/app/api/checkout/route";
import type { Db } from "@/lib/db";

export function checkoutRequest(body: unknown): Request {
  return new Request("http://payport.test/api/checkout", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export async function postCheckout(body: unknown): Promise<{ status: number; json: any }> {
  const res = await checkoutRoute(checkoutRequest(body));
  return { status: res.status, json: await res.json() };
}

export async function priceIdByLookupKey(db: Db, lookupKey: string): Promise<string> {
  const price = await db.price.findFirstOrThrow({ where: { lookupKey, active: true } });
  return price.id;
}

export const newCartId = () => `cart_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`;
