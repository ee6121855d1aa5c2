// Coupons, promotion codes (BEHAVIOR §5.4–5.5, clover shape `promotion: {type, coupon}`) and the
// Discount objects (`di_`) that apply them to subscriptions and invoices.
import type Stripe from "stripe";
import type { EventCause, RequestContext, Route } from "../core/context.ts";
import type { Emulator } from "../core/emulator.ts";
import { invalidRequest, noSuch, validationError } from "../core/errors.ts";
import { newId, nowSeconds, randomToken } from "../core/ids.ts";
import { matchesCreated, paginate } from "../core/list.ts";
import { arr, bool, createdFilter, int, listParams, mergeMetadata, metadata, num, obj, oneOf, req, str, type Params } from "../core/params.ts";
import { applyUpdate, load, storeUpdate } from "../resources/shared.ts";
import { unprefixedIdFields } from "../core/expand.ts";

// `promotion.coupon` and `source.coupon` expand although coupon ids have no prefix.
unprefixedIdFields.coupon = "coupons";

export const discountsSpec = arr(obj({ coupon: str(), promotion_code: str(), discount: str() }));

export const couponRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/coupons",
    schema: {
      id: str(),
      name: str(40),
      percent_off: num(),
      amount_off: int(1),
      currency: str(),
      duration: oneOf("once", "repeating", "forever"),
      duration_in_months: int(1),
      max_redemptions: int(1),
      redeem_by: int(),
      applies_to: obj({ products: arr(str()) }),
      metadata: metadata(),
      currency_options: obj({}),
    },
    handler(ctx) {
      const p = ctx.params;
      if ((p.percent_off === undefined) === (p.amount_off === undefined))
        throw invalidRequest("You must pass exactly one of percent_off or amount_off.", { param: "percent_off" });
      if (p.percent_off !== undefined && !(p.percent_off > 0 && p.percent_off <= 100))
        throw validationError("percent_off must be greater than 0 and at most 100.", "percent_off", "parameter_invalid_string");
      if (p.amount_off !== undefined && !p.currency) throw invalidRequest("You must pass currency when passing amount_off.", { param: "currency" });
      const duration = p.duration ?? "once";
      if (duration === "repeating" && !p.duration_in_months)
        throw invalidRequest("You must pass duration_in_months when duration is repeating.", { param: "duration_in_months" });
      if (p.id && ctx.emu.store.get("coupons", p.id)) throw invalidRequest("Coupon already exists.", { code: "resource_already_exists", param: "id" });
      const coupon = {
        id: p.id ?? randomToken(8),
        object: "coupon",
        amount_off: p.amount_off ?? null,
        created: nowSeconds(),
        currency: p.currency ? String(p.currency).toLowerCase() : null,
        duration,
        duration_in_months: duration === "repeating" ? p.duration_in_months : null,
        livemode: false,
        max_redemptions: p.max_redemptions ?? null,
        metadata: mergeMetadata({}, p.metadata),
        name: p.name ?? null,
        percent_off: p.percent_off ?? null,
        redeem_by: p.redeem_by ?? null,
        times_redeemed: 0,
        valid: true,
      } as Stripe.Coupon;
      if (p.applies_to) ctx.emu.store.meta<{ products?: string[] }>(coupon.id).products = p.applies_to.products ?? [];
      ctx.emu.store.put("coupons", coupon);
      ctx.emu.emit("coupon.created", coupon, ctx);
      return coupon;
    },
  },
  { method: "GET", path: "/v1/coupons/:id", schema: {}, handler: (ctx) => refreshCoupon(ctx.emu, load<Stripe.Coupon>(ctx, "coupons", ctx.path.id, "coupon")) },
  {
    method: "POST",
    path: "/v1/coupons/:id",
    schema: { name: str(40), metadata: metadata(), currency_options: obj({}) },
    handler(ctx) {
      const coupon = load<Stripe.Coupon>(ctx, "coupons", ctx.path.id, "coupon");
      const previous = applyUpdate(coupon, {
        ...(ctx.params.name !== undefined ? { name: ctx.params.name } : {}),
        metadata: mergeMetadata(coupon.metadata ?? {}, ctx.params.metadata),
      });
      return storeUpdate(ctx, "coupons", coupon, "coupon.updated", previous);
    },
  },
  {
    method: "DELETE",
    path: "/v1/coupons/:id",
    schema: {},
    handler(ctx) {
      const coupon = load<Stripe.Coupon>(ctx, "coupons", ctx.path.id, "coupon");
      ctx.emu.store.remove("coupons", coupon.id);
      ctx.emu.emit("coupon.deleted", coupon, ctx);
      return { id: coupon.id, object: "coupon", deleted: true };
    },
  },
  {
    method: "GET",
    path: "/v1/coupons",
    schema: { ...listParams, created: createdFilter },
    handler: (ctx) =>
      paginate(
        ctx.emu.store.all<Stripe.Coupon>("coupons").filter((c) => matchesCreated(c.created, ctx.params.created)).map((c) => refreshCoupon(ctx.emu, c)),
        ctx.params,
        "/v1/coupons",
      ),
  },
  {
    method: "POST",
    path: "/v1/promotion_codes",
    schema: {
      promotion: req(obj({ type: req(oneOf("coupon")), coupon: str() })),
      code: str(500),
      active: bool(),
      customer: str(),
      expires_at: int(),
      max_redemptions: int(1),
      restrictions: obj({ first_time_transaction: bool(), minimum_amount: int(0), minimum_amount_currency: str(), currency_options: obj({}) }),
      metadata: metadata(),
    },
    handler(ctx) {
      const p = ctx.params;
      if (!p.promotion.coupon) throw invalidRequest("Missing required param: promotion[coupon].", { code: "parameter_missing", param: "promotion[coupon]" });
      const coupon = ctx.emu.store.get<Stripe.Coupon>("coupons", p.promotion.coupon);
      if (!coupon) throw noSuch("coupon", p.promotion.coupon, "promotion[coupon]", 400);
      if (p.customer) load(ctx, "customers", p.customer, "customer");
      const code = p.code ?? randomToken(8).toUpperCase();
      const clash = ctx.emu.store.all<Stripe.PromotionCode>("promotion_codes").find((pc) => pc.active && pc.code.toLowerCase() === code.toLowerCase());
      if (clash) throw invalidRequest("An active promotion code with `code` already exists.", { param: "code" });
      const promo = {
        id: newId("promo"),
        object: "promotion_code",
        active: p.active ?? true,
        code,
        created: nowSeconds(),
        customer: p.customer ?? null,
        customer_account: null,
        expires_at: p.expires_at ?? null,
        livemode: false,
        max_redemptions: p.max_redemptions ?? null,
        metadata: mergeMetadata({}, p.metadata),
        promotion: { coupon: coupon.id, type: "coupon" },
        restrictions: {
          first_time_transaction: p.restrictions?.first_time_transaction ?? false,
          minimum_amount: p.restrictions?.minimum_amount ?? null,
          minimum_amount_currency: p.restrictions?.minimum_amount_currency ?? null,
        },
        times_redeemed: 0,
      } as unknown as Stripe.PromotionCode;
      ctx.emu.store.put("promotion_codes", promo);
      ctx.emu.emit("promotion_code.created", promo, ctx);
      return promo;
    },
  },
  { method: "GET", path: "/v1/promotion_codes/:id", schema: {}, handler: (ctx) => refreshPromo(ctx.emu, load<Stripe.PromotionCode>(ctx, "promotion_codes", ctx.path.id, "promotion code")) },
  {
    method: "POST",
    path: "/v1/promotion_codes/:id",
    schema: { active: bool(), metadata: metadata(), restrictions: obj({ currency_options: obj({}) }) },
    handler(ctx) {
      const promo = load<Stripe.PromotionCode>(ctx, "promotion_codes", ctx.path.id, "promotion code");
      const previous = applyUpdate(promo, {
        ...(ctx.params.active !== undefined && ctx.params.active !== null ? { active: ctx.params.active } : {}),
        metadata: mergeMetadata(promo.metadata ?? {}, ctx.params.metadata),
      });
      return storeUpdate(ctx, "promotion_codes", promo, "promotion_code.updated", previous);
    },
  },
  {
    method: "GET",
    path: "/v1/promotion_codes",
    schema: { ...listParams, code: str(), active: bool(), coupon: str(), customer: str(), created: createdFilter },
    handler(ctx) {
      const p = ctx.params;
      const items = ctx.emu.store
        .all<Stripe.PromotionCode>("promotion_codes")
        .map((pc) => refreshPromo(ctx.emu, pc))
        .filter(
          (pc) =>
            (p.code === undefined || pc.code.toLowerCase() === String(p.code).toLowerCase()) &&
            (p.active === undefined || pc.active === p.active) &&
            (p.coupon === undefined || couponIdOf(pc) === p.coupon) &&
            (p.customer === undefined || pc.customer === p.customer) &&
            matchesCreated(pc.created, p.created),
        );
      return paginate(items, p, "/v1/promotion_codes");
    },
  },
];

function couponIdOf(pc: Stripe.PromotionCode): string {
  return (pc as unknown as { promotion: { coupon: string } }).promotion.coupon;
}

function refreshCoupon(emu: Emulator, c: Stripe.Coupon): Stripe.Coupon {
  const valid = !(c.redeem_by !== null && c.redeem_by < nowSeconds()) && !(c.max_redemptions !== null && c.times_redeemed >= c.max_redemptions);
  if (valid !== c.valid) {
    c.valid = valid;
    emu.store.put("coupons", c);
  }
  return c;
}

function refreshPromo(emu: Emulator, pc: Stripe.PromotionCode): Stripe.PromotionCode {
  const expired = (pc.expires_at !== null && pc.expires_at < nowSeconds()) || (pc.max_redemptions !== null && pc.times_redeemed >= pc.max_redemptions);
  if (expired && pc.active) {
    pc.active = false;
    emu.store.put("promotion_codes", pc);
  }
  return pc;
}

/** Emulator-private: how many invoices a `once`/`repeating` discount has applied to. */
interface DiscountMeta extends Record<string, unknown> {
  uses?: number;
}

/**
 * Resolves `discounts[]` params into stored Discount objects (`di_`), redeeming the coupon or code.
 * `customer` is checked against customer-restricted codes.
 */
export function createDiscounts(ctx: RequestContext | { emu: Emulator }, cause: EventCause, input: Params[] | null | undefined, target: { customer: string; subscription?: string | null; invoice?: string | null }): string[] {
  if (!input) return [];
  const emu = ctx.emu;
  const out: string[] = [];
  input.forEach((d, i) => {
    if (d.discount) {
      if (!emu.store.get("discounts", d.discount)) throw noSuch("discount", d.discount, `discounts[${i}][discount]`, 400);
      out.push(d.discount);
      return;
    }
    let promo: Stripe.PromotionCode | null = null;
    let couponId = d.coupon as string | undefined;
    if (d.promotion_code) {
      promo = emu.store.get<Stripe.PromotionCode>("promotion_codes", d.promotion_code) ?? null;
      if (!promo) throw noSuch("promotion code", d.promotion_code, `discounts[${i}][promotion_code]`, 400);
      refreshPromo(emu, promo);
      if (!promo.active) throw invalidRequest(`This promotion code cannot be redeemed because it is inactive.`, { param: `discounts[${i}][promotion_code]`, code: "promotion_code_inactive" } as never);
      if (promo.customer && promo.customer !== target.customer)
        throw invalidRequest("This promotion code cannot be redeemed by this customer.", { param: `discounts[${i}][promotion_code]` });
      couponId = couponIdOf(promo);
    }
    if (!couponId) throw invalidRequest("You must pass a coupon, promotion_code or discount.", { param: `discounts[${i}]` });
    const coupon = emu.store.get<Stripe.Coupon>("coupons", couponId);
    if (!coupon) throw noSuch("coupon", couponId, `discounts[${i}][coupon]`, 400);
    refreshCoupon(emu, coupon);
    if (!coupon.valid) throw invalidRequest(`Coupon ${coupon.id} is no longer valid.`, { param: `discounts[${i}][coupon]` });
    const now = nowSeconds();
    const discount = {
      id: newId("di"),
      object: "discount",
      checkout_session: null,
      customer: target.customer,
      customer_account: null,
      end: coupon.duration === "repeating" && coupon.duration_in_months ? now + coupon.duration_in_months * 30 * 86400 : null,
      invoice: target.invoice ?? null,
      invoice_item: null,
      promotion_code: promo?.id ?? null,
      source: { coupon: coupon.id, type: "coupon" },
      start: now,
      subscription: target.subscription ?? null,
      subscription_item: null,
    } as unknown as Stripe.Discount;
    emu.store.put("discounts", discount);
    coupon.times_redeemed += 1;
    emu.store.put("coupons", coupon);
    if (promo) {
      promo.times_redeemed += 1;
      emu.store.put("promotion_codes", promo);
    }
    out.push(discount.id);
  });
  return out;
}

export function couponOfDiscount(emu: Emulator, discountId: string): Stripe.Coupon | null {
  const d = emu.store.get<{ source: { coupon: string } }>("discounts", discountId);
  return d ? (emu.store.get<Stripe.Coupon>("coupons", d.source.coupon) ?? null) : null;
}

/** Whether a discount still applies to an invoice now (duration once/repeating/forever). */
export function discountApplies(emu: Emulator, discountId: string, preview = false): boolean {
  const coupon = couponOfDiscount(emu, discountId);
  if (!coupon) return false;
  const d = emu.store.get<Stripe.Discount>("discounts", discountId)!;
  const uses = emu.store.meta<DiscountMeta>(discountId).uses ?? 0;
  if (coupon.duration === "once" && uses >= 1) return false;
  if (d.end !== null && nowSeconds() >= d.end) return false;
  void preview;
  return true;
}

export function markDiscountUsed(emu: Emulator, discountId: string): void {
  const m = emu.store.meta<DiscountMeta>(discountId);
  m.uses = (m.uses ?? 0) + 1;
}

/** Amount a discount takes off `base` (discountable subtotal remaining). */
export function discountAmount(emu: Emulator, discountId: string, base: number): number {
  const coupon = couponOfDiscount(emu, discountId);
  if (!coupon || base <= 0) return 0;
  if (coupon.percent_off !== null) return Math.round((base * coupon.percent_off) / 100);
  return Math.min(base, coupon.amount_off ?? 0);
}
