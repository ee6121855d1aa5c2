// Request schemas of the subscription routes (create, update and the items they share).
import { arr, bool, int, metadata, num, obj, oneOf, openObj, req, str, type Schema } from "../../core/params.ts";
import { discountsSpec } from "../coupons.ts";

export const itemSpec = obj({
  id: str(),
  price: str(),
  price_data: obj({ currency: req(str()), product: req(str()), recurring: req(obj({ interval: req(oneOf("day", "week", "month", "year")), interval_count: int(1) })), unit_amount: int(0), unit_amount_decimal: str(), tax_behavior: str() }),
  quantity: int(0),
  metadata: metadata(),
  deleted: bool(),
  clear_usage: bool(),
  discounts: discountsSpec,
  tax_rates: arr(str()),
  billing_thresholds: openObj(),
  plan: str(),
});

const paymentSettingsSpec = obj({
  save_default_payment_method: oneOf("off", "on_subscription"),
  payment_method_types: arr(str()),
  payment_method_options: openObj(),
});

const common: Schema = {
  default_payment_method: str(),
  description: str(500),
  metadata: metadata(),
  discounts: discountsSpec,
  collection_method: oneOf("charge_automatically", "send_invoice"),
  days_until_due: int(0),
  payment_behavior: oneOf("allow_incomplete", "default_incomplete", "error_if_incomplete", "pending_if_incomplete"),
  payment_settings: paymentSettingsSpec,
  proration_behavior: oneOf("always_invoice", "create_prorations", "none"),
  trial_end: str(),
  trial_from_plan: bool(),
  trial_settings: obj({ end_behavior: req(obj({ missing_payment_method: req(oneOf("cancel", "create_invoice", "pause")) })) }),
  cancel_at_period_end: bool(),
  cancel_at: str(),
  off_session: bool(),
  add_invoice_items: arr(openObj()),
  automatic_tax: obj({ enabled: req(bool()), liability: openObj() }),
  default_tax_rates: arr(str()),
  default_source: str(),
  invoice_settings: openObj(),
  pending_invoice_item_interval: openObj(),
  on_behalf_of: str(),
  transfer_data: openObj(),
  application_fee_percent: num(),
  billing_thresholds: openObj(),
};

export const createSchema: Schema = {
  ...common,
  customer: req(str()),
  items: req(arr(itemSpec)),
  trial_period_days: int(0),
  billing_cycle_anchor: int(),
  billing_cycle_anchor_config: openObj(),
  backdate_start_date: int(),
  currency: str(),
  billing_mode: obj({ type: req(oneOf("classic", "flexible")), flexible: openObj() }),
};

export const updateSchema: Schema = {
  ...common,
  items: arr(itemSpec),
  proration_date: int(),
  billing_cycle_anchor: obj({ type: req(oneOf("now", "unchanged")) }),
  cancellation_details: obj({ comment: str(), feedback: str() }),
  pause_collection: obj({ behavior: req(oneOf("keep_as_draft", "mark_uncollectible", "void")), resumes_at: int() }),
};
