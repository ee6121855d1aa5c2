import type Stripe from "stripe";
import type { Route } from "../core/context.ts";
import type { Emulator } from "../core/emulator.ts";
import { registerIncludable } from "../core/expand.ts";
import { newId, nowSeconds } from "../core/ids.ts";
import { matchesCreated, paginate } from "../core/list.ts";
import { createdFilter, listParams, mergeMetadata, metadata, shippingSpec, str } from "../core/params.ts";
import type { CardBehavior } from "../core/testcards.ts";
import { applyUpdate, load, retrieveRoute, storeUpdate } from "./shared.ts";

type Decline = Extract<CardBehavior, { kind: "decline" }>;

export interface ChargeOptions {
  decline?: Decline;
  captured: boolean;
  threeDSecure: boolean;
  behavior: CardBehavior;
  /** The Radar Session Stripe.js collected (`radar_options[session]`), when one was sent. */
  radarSession?: string | null;
}

/** Radar's default rules (docs.stripe.com/radar/rules): the ones a test card can make fire. */
export const RADAR_RULES = {
  blockHighestRisk: "block_if_high_risk",
  reviewElevatedRisk: "manual_review_if_elevated_risk",
} as const;

function outcome(opts: ChargeOptions): Stripe.Charge.Outcome {
  const base = { advice_code: null, network_advice_code: null, network_decline_code: null };
  if (opts.decline?.blocked)
    return {
      ...base,
      network_status: "not_sent_to_network",
      reason: "highest_risk_level",
      risk_level: "highest",
      risk_score: 95,
      rule: RADAR_RULES.blockHighestRisk,
      seller_message: "Stripe blocked this payment as too risky.",
      type: "blocked",
    };
  const elevated = opts.behavior.kind === "elevated_risk";
  const risk = elevated ? "elevated" : "normal";
  const riskScore = elevated ? 70 : 32;
  if (opts.decline)
    return {
      ...base,
      network_status: "declined_by_network",
      reason: opts.decline.decline_code ?? opts.decline.code,
      risk_level: risk,
      risk_score: riskScore,
      seller_message: "The bank did not return any further details with this decline.",
      type: "issuer_declined",
    };
  if (elevated)
    return {
      ...base,
      network_status: "approved_by_network",
      reason: "elevated_risk_level",
      risk_level: risk,
      risk_score: riskScore,
      rule: RADAR_RULES.reviewElevatedRisk,
      seller_message: "Stripe evaluated this payment as having elevated risk, and placed it in your manual review queue.",
      type: "manual_review",
    };
  return { ...base, network_status: "approved_by_network", reason: null, risk_level: risk, risk_score: riskScore, seller_message: "Payment complete.", type: "authorized" };
}

/** Incremental authorization (docs.stripe.com/payments/incremental-authorization): requested with
 * `payment_method_options[card][request_incremental_authorization]=if_available` on a manual-capture
 * intent; every test card supports it. */
function incrementalAuthorizationStatus(pi: Stripe.PaymentIntent, succeeded: boolean): "available" | "unavailable" {
  const requested = pi.payment_method_options?.card?.request_incremental_authorization === "if_available";
  return requested && succeeded && pi.capture_method === "manual" ? "available" : "unavailable";
}

export function createCharge(emu: Emulator, pi: Stripe.PaymentIntent, pm: Stripe.PaymentMethod, opts: ChargeOptions): Stripe.Charge {
  const card = pm.card!;
  const succeeded = !opts.decline;
  const charge: Stripe.Charge = {
    id: newId("ch"),
    object: "charge",
    amount: pi.amount,
    amount_captured: succeeded && opts.captured ? pi.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: null,
    billing_details: pm.billing_details,
    calculated_statement_descriptor: "PAYPORT",
    captured: succeeded && opts.captured,
    created: nowSeconds(),
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: opts.decline?.code ?? null,
    failure_message: opts.decline?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: { ...pi.metadata },
    on_behalf_of: null,
    outcome: outcome(opts),
    paid: succeeded,
    payment_intent: pi.id,
    payment_method: pm.id,
    ...(opts.radarSession && { radar_options: { session: opts.radarSession } }),
    payment_method_details: {
      card: {
        amount_authorized: succeeded ? pi.amount : null,
        authorization_code: succeeded ? "123456" : null,
        brand: card.brand,
        checks: card.checks,
        country: card.country,
        electronic_commerce_indicator: opts.threeDSecure ? "05" : null,
        exp_month: card.exp_month,
        exp_year: card.exp_year,
        extended_authorization: { status: "disabled" },
        fingerprint: card.fingerprint,
        funding: card.funding,
        incremental_authorization: { status: incrementalAuthorizationStatus(pi, succeeded) },
        installments: null,
        last4: card.last4,
        mandate: null,
        multicapture: { status: "unavailable" },
        network: card.brand,
        network_token: { used: false },
        network_transaction_id: succeeded ? "1041029786787710" : null,
        overcapture: { maximum_amount_capturable: pi.amount, status: "unavailable" },
        regulated_status: "unregulated",
        transaction_link_id: null,
        three_d_secure: opts.threeDSecure
          ? {
              authentication_flow: "challenge",
              electronic_commerce_indicator: "05",
              exemption_indicator: null,
              result: "authenticated",
              result_reason: null,
              transaction_id: "e1f2a3b4-0000-4000-8000-000000000000",
              version: "2.2.0",
            }
          : null,
        wallet: null,
      } satisfies Stripe.Charge.PaymentMethodDetails.Card,
      type: "card",
    },
    receipt_email: pi.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: pi.shipping,
    source: null,
    source_transfer: null,
    statement_descriptor: pi.statement_descriptor,
    statement_descriptor_suffix: pi.statement_descriptor_suffix,
    status: succeeded ? "succeeded" : "failed",
    transfer_data: null,
    transfer_group: pi.transfer_group,
  };
  return emu.store.put("charges", charge);
}

const FEE_PERCENT = 0.029;
const FEE_FIXED = 30;

export function createBalanceTransaction(
  emu: Emulator,
  source: string,
  amount: number,
  currency: string,
  type: Stripe.BalanceTransaction.Type,
  reportingCategory: string,
  withFee: boolean,
  description: string | null = null,
): Stripe.BalanceTransaction {
  const fee = withFee ? Math.round(Math.abs(amount) * FEE_PERCENT) + FEE_FIXED : 0;
  const created = nowSeconds();
  const txn: Stripe.BalanceTransaction = {
    id: newId("txn"),
    object: "balance_transaction",
    amount,
    available_on: created + 2 * 86400,
    balance_type: "payments",
    created,
    currency,
    description,
    exchange_rate: null,
    fee,
    fee_details: fee ? [{ amount: fee, application: null, currency, description: "Stripe processing fees", type: "stripe_fee" }] : [],
    net: amount - fee,
    reporting_category: reportingCategory,
    source,
    status: "pending",
    type,
  };
  return emu.store.put("balance_transactions", txn);
}

/** Automatic async capture: the balance transaction arrives later with `charge.updated` (BEHAVIOR §2.6). */
export function settleLater(emu: Emulator, chargeId: string): void {
  emu.later(() => {
    const charge = emu.store.get<Stripe.Charge>("charges", chargeId);
    if (!charge || charge.balance_transaction) return;
    const txn = createBalanceTransaction(emu, charge.id, charge.amount_captured, charge.currency, "charge", "charge", true, charge.description);
    charge.balance_transaction = txn.id;
    emu.store.put("charges", charge);
    emu.emit("charge.updated", charge, null, { balance_transaction: null });
  });
}

export function refundsOf(emu: Emulator, chargeId: string): Stripe.Refund[] {
  return emu.store.all<Stripe.Refund>("refunds").filter((r) => r.charge === chargeId);
}

registerIncludable("charge", "refunds", (charge, store) => {
  const data = store.all<Stripe.Refund>("refunds").filter((r) => r.charge === charge.id);
  return { object: "list", data: data.slice(0, 10), has_more: data.length > 10, url: `/v1/charges/${charge.id as string}/refunds` };
});

export const chargeRoutes: Route[] = [
  retrieveRoute("/v1/charges/:id", "charges", "charge"),
  {
    method: "POST",
    path: "/v1/charges/:id",
    schema: { description: str(), metadata: metadata(), receipt_email: str(), shipping: shippingSpec, fraud_details: str(), transfer_group: str() },
    handler(ctx) {
      const charge = load<Stripe.Charge>(ctx, "charges", ctx.path.id, "charge");
      const p = ctx.params;
      const previous = applyUpdate(charge, {
        ...(p.description !== undefined ? { description: p.description } : {}),
        ...(p.receipt_email !== undefined ? { receipt_email: p.receipt_email } : {}),
        metadata: mergeMetadata(charge.metadata, p.metadata),
      });
      return storeUpdate(ctx, "charges", charge, "charge.updated", previous);
    },
  },
  {
    method: "GET",
    path: "/v1/charges",
    schema: { ...listParams, customer: str(), payment_intent: str(), created: createdFilter, transfer_group: str() },
    handler(ctx) {
      const p = ctx.params;
      const items = ctx.emu.store
        .all<Stripe.Charge>("charges")
        .filter(
          (c) =>
            (!p.customer || c.customer === p.customer) &&
            (!p.payment_intent || c.payment_intent === p.payment_intent) &&
            (!p.transfer_group || c.transfer_group === p.transfer_group) &&
            matchesCreated(c.created, p.created),
        );
      return paginate(items, p, "/v1/charges");
    },
  },
  {
    method: "GET",
    path: "/v1/charges/:id/refunds",
    schema: { ...listParams },
    handler(ctx) {
      const charge = load<Stripe.Charge>(ctx, "charges", ctx.path.id, "charge");
      return paginate(refundsOf(ctx.emu, charge.id), ctx.params, `/v1/charges/${charge.id}/refunds`);
    },
  },
  retrieveRoute("/v1/balance_transactions/:id", "balance_transactions", "balance transaction"),
];

