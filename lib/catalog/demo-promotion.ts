// Local mode only: a promotion code to try in the subscribe form (LAUNCH25,
// 25% off the first invoice). Idempotent: the coupon has a fixed id and the
// code is looked up before it is created.
import Stripe from "stripe";
import { getStripe } from "@/lib/stripe/client";

export const DEMO_PROMOTION_CODE = "LAUNCH25";
const DEMO_COUPON_ID = "payport_launch25";

export async function seedDemoPromotionCode(stripe: Stripe = getStripe()): Promise<boolean> {
  try {
    await stripe.coupons.retrieve(DEMO_COUPON_ID);
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeError) || error.statusCode !== 404) throw error;
    await stripe.coupons.create({ id: DEMO_COUPON_ID, percent_off: 25, duration: "once", name: "Launch: 25% off the first invoice" });
  }
  const existing = await stripe.promotionCodes.list({ code: DEMO_PROMOTION_CODE, active: true, limit: 1 });
  if (existing.data.length > 0) return false;
  await stripe.promotionCodes.create({ promotion: { type: "coupon", coupon: DEMO_COUPON_ID }, code: DEMO_PROMOTION_CODE });
  return true;
}
