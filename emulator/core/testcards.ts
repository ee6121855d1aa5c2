// Stripe's test cards (BEHAVIOR §3) and the `pm_card_*` / `tok_*` templates that stand for them.

export type CardBehavior =
  | { kind: "success" }
  | { kind: "decline"; code: string; decline_code?: string; message: string; onAttach: boolean; blocked?: boolean }
  /** on-session payments need 3DS; `offSessionAfterSetup`: off-session succeeds once set up. */
  | { kind: "three_d_secure"; offSessionAfterSetup: boolean; declineAfter?: Extract<CardBehavior, { kind: "decline" }> }
  | { kind: "dispute"; reason: string; inquiry: boolean }
  | { kind: "refund_fail" }
  /** Radar scores the payment elevated: it succeeds and a review is opened (`manual_review`). */
  | { kind: "elevated_risk" }
  | { kind: "cvc_fail" };

export interface TestCard {
  number: string;
  brand: string;
  funding: "credit" | "debit" | "prepaid" | "unknown";
  country: string;
  behavior: CardBehavior;
}

const decline = (code: string, decline_code: string | undefined, message: string, onAttach = true, blocked = false) =>
  ({ kind: "decline", code, decline_code, message, onAttach, blocked }) as const;
const DECLINED = "Your card was declined.";
const ok = { kind: "success" } as const;

const card = (number: string, brand: string, behavior: CardBehavior = ok, funding: TestCard["funding"] = "credit", country = "US"): TestCard => ({
  number,
  brand,
  funding,
  country,
  behavior,
});

export const TEST_CARDS: Record<string, TestCard> = {};
/** template id (pm_card_… / tok_…) → card number */
export const TEMPLATES: Record<string, string> = {};

function add(c: TestCard, ...templates: string[]) {
  TEST_CARDS[c.number] = c;
  for (const t of templates) {
    TEMPLATES[t] = c.number;
    if (t.startsWith("pm_card_")) TEMPLATES[`tok_${t.slice(8)}`] = c.number;
  }
}

// §3.1 success
add(card("4242424242424242", "visa"), "pm_card_visa");
add(card("4000056655665556", "visa", ok, "debit"), "pm_card_visa_debit");
add(card("5555555555554444", "mastercard"), "pm_card_mastercard");
add(card("2223003122003222", "mastercard"));
add(card("5200828282828210", "mastercard", ok, "debit"), "pm_card_mastercard_debit");
add(card("5105105105105100", "mastercard", ok, "prepaid"), "pm_card_mastercard_prepaid");
add(card("378282246310005", "amex"), "pm_card_amex");
add(card("371449635398431", "amex"));
add(card("6011111111111117", "discover"), "pm_card_discover");
add(card("3056930009020004", "diners"), "pm_card_diners");
add(card("3566002020360505", "jcb"), "pm_card_jcb");
add(card("6200000000000005", "unionpay"), "pm_card_unionpay");
add(card("4000000000000077", "visa"), "pm_card_bypassPending");
// §3.2 declines
add(card("4000000000000002", "visa", decline("card_declined", "generic_decline", DECLINED)), "pm_card_visa_chargeDeclined", "pm_card_chargeDeclined");
add(
  card("4000000000009995", "visa", decline("card_declined", "insufficient_funds", "Your card has insufficient funds.")),
  "pm_card_visa_chargeDeclinedInsufficientFunds",
  "pm_card_chargeDeclinedInsufficientFunds",
);
add(card("4000000000009987", "visa", decline("card_declined", "lost_card", DECLINED)), "pm_card_visa_chargeDeclinedLostCard", "pm_card_chargeDeclinedLostCard");
add(card("4000000000009979", "visa", decline("card_declined", "stolen_card", DECLINED)), "pm_card_visa_chargeDeclinedStolenCard", "pm_card_chargeDeclinedStolenCard");
add(card("4000000000000069", "visa", decline("expired_card", "expired_card", "Your card has expired.")), "pm_card_chargeDeclinedExpiredCard", "pm_card_visa_chargeDeclinedExpiredCard");
add(
  card("4000000000000127", "visa", decline("incorrect_cvc", "incorrect_cvc", "Your card's security code is incorrect.")),
  "pm_card_chargeDeclinedIncorrectCvc",
  "pm_card_visa_chargeDeclinedIncorrectCvc",
);
add(
  card("4000000000000119", "visa", decline("processing_error", "processing_error", "An error occurred while processing your card. Try again in a little bit.")),
  "pm_card_chargeDeclinedProcessingError",
  "pm_card_visa_chargeDeclinedProcessingError",
);
add(
  card("4000000000006975", "visa", decline("card_declined", "card_velocity_exceeded", DECLINED)),
  "pm_card_visa_chargeDeclinedVelocityLimitExceeded",
  "pm_card_chargeDeclinedVelocityLimitExceeded",
);
add(card("4000000000000341", "visa", decline("card_declined", "generic_decline", DECLINED, false)), "pm_card_chargeCustomerFail", "pm_card_visa_chargeCustomerFail");
// §3.3 3-D Secure
add(card("4000002500003155", "visa", { kind: "three_d_secure", offSessionAfterSetup: true }), "pm_card_authenticationRequiredOnSetup");
add(card("4000002760003184", "visa", { kind: "three_d_secure", offSessionAfterSetup: false }), "pm_card_authenticationRequired");
add(
  card("4000008260003178", "visa", {
    kind: "three_d_secure",
    offSessionAfterSetup: false,
    declineAfter: decline("card_declined", "insufficient_funds", "Your card has insufficient funds.", false),
  }),
  "pm_card_authenticationRequiredChargeDeclinedInsufficientFunds",
);
add(
  card("4000008400001629", "visa", {
    kind: "three_d_secure",
    offSessionAfterSetup: false,
    declineAfter: decline("card_declined", "generic_decline", DECLINED, false),
  }),
  "pm_card_authenticationRequiredChargeDeclined",
);
add(card("4000000000003220", "visa", { kind: "three_d_secure", offSessionAfterSetup: false }), "pm_card_threeDSecure2Required");
add(card("4000000000003063", "visa", { kind: "three_d_secure", offSessionAfterSetup: false }), "pm_card_threeDSecureRequired");
add(card("4000000000003055", "visa"), "pm_card_threeDSecureOptional");
add(card("4000003800000446", "visa"), "pm_card_authenticationRequiredSetupForOffSession");
// §3.4 Radar (docs.stripe.com/radar/testing), with Radar's default rules on: highest risk is
// blocked, elevated risk goes to the manual review queue.
add(card("4100000000000019", "visa", decline("card_declined", "fraudulent", DECLINED, true, true)), "pm_card_radarBlock");
add(card("4000000000004954", "visa", decline("card_declined", "fraudulent", DECLINED, true, true)), "pm_card_riskLevelHighest");
add(card("4000000000009235", "visa", { kind: "elevated_risk" }), "pm_card_riskLevelElevated");
add(card("4000000000000101", "visa", { kind: "cvc_fail" }), "pm_card_cvcCheckFail");
// §3.5 disputes and refunds
add(card("4000000000000259", "visa", { kind: "dispute", reason: "fraudulent", inquiry: false }), "pm_card_createDispute");
add(card("4000000000002685", "visa", { kind: "dispute", reason: "product_not_received", inquiry: false }), "pm_card_createDisputeProductNotReceived");
add(card("4000000000001976", "visa", { kind: "dispute", reason: "fraudulent", inquiry: true }), "pm_card_createDisputeInquiry");
add(card("4000000404000038", "visa", { kind: "dispute", reason: "fraudulent", inquiry: false }), "pm_card_createCe3EligibleDispute");
add(card("4000000000005126", "visa", { kind: "refund_fail" }), "pm_card_refundFail");

export function luhnValid(number: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = number.length - 1; i >= 0; i--) {
    let d = number.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return number.length >= 12 && sum % 10 === 0;
}

/** Card facts for any number: the test table first, then brand by IIN prefix. */
export function describeCard(number: string): TestCard {
  const known = TEST_CARDS[number];
  if (known) return known;
  let brand = "unknown";
  if (/^4/.test(number)) brand = "visa";
  else if (/^(5[1-5]|2[2-7])/.test(number)) brand = "mastercard";
  else if (/^3[47]/.test(number)) brand = "amex";
  else if (/^(6011|65|64[4-9])/.test(number)) brand = "discover";
  else if (/^3(0|6|8|9)/.test(number)) brand = "diners";
  else if (/^35/.test(number)) brand = "jcb";
  else if (/^62/.test(number)) brand = "unionpay";
  return card(number, brand);
}
