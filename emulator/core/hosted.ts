// What the emulator's hosted pages (Checkout, Billing Portal) share: the test cards they offer and
// the request context their actions run in.
import type { RequestContext } from "./context.ts";
import type { Emulator } from "./emulator.ts";

/** The test cards offered on hosted pages (template ids of BEHAVIOR §3). */
export const HOSTED_TEST_CARDS: { id: string; label: string }[] = [
  { id: "pm_card_visa", label: "Visa 4242 4242 4242 4242 — succeeds" },
  { id: "pm_card_mastercard", label: "Mastercard 5555 5555 5555 4444 — succeeds" },
  { id: "pm_card_authenticationRequired", label: "Visa 4000 0027 6000 3184 — 3-D Secure" },
  { id: "pm_card_visa_chargeDeclined", label: "Visa 4000 0000 0000 0002 — declined" },
];

/** A request context for work done by a hosted page (no API request: events carry `request.id: null`). */
export function pageContext(emu: Emulator, baseUrl: string, params: Record<string, unknown> = {}, path: Record<string, string> = {}): RequestContext {
  return { emu, params, path, requestId: null as unknown as string, idempotencyKey: null, publishable: false, baseUrl };
}
