// Request schemas of the PaymentIntent routes.
import { arr, bool, int, metadata, obj, oneOf, openObj, req, shippingSpec, str, type Schema } from "../core/params.ts";
import { paymentMethodDataSpec } from "./payment_methods.ts";
import { pmDataWithExtras } from "./intents.ts";

export const confirmFields: Schema = {
  payment_method: str(),
  payment_method_data: pmDataWithExtras,
  payment_method_options: openObj({ card: openObj({ request_three_d_secure: oneOf("automatic", "any", "challenge") }) }),
  radar_options: obj({ session: str() }),
  return_url: str(),
  off_session: str(),
  use_stripe_sdk: bool(),
  error_on_requires_action: bool(),
  mandate_data: openObj(),
  receipt_email: str(),
  setup_future_usage: oneOf("on_session", "off_session"),
  shipping: shippingSpec,
  capture_method: oneOf("automatic", "automatic_async", "manual"),
  payment_method_types: arr(str()),
  allowed_payment_method_types: arr(str()),
  excluded_payment_method_types: arr(str()),
};

export const createSchema: Schema = {
  ...confirmFields,
  amount: req(int()),
  currency: req(str()),
  customer: str(),
  description: str(),
  metadata: metadata(),
  statement_descriptor: str(22),
  statement_descriptor_suffix: str(22),
  confirmation_method: oneOf("automatic", "manual"),
  confirm: bool(),
  automatic_payment_methods: obj({ enabled: req(bool()), allow_redirects: oneOf("always", "never") }),
  transfer_group: str(),
};

export const updateSchema: Schema = {
  amount: int(),
  currency: str(),
  customer: str(),
  description: str(),
  metadata: metadata(),
  receipt_email: str(),
  setup_future_usage: oneOf("on_session", "off_session"),
  shipping: shippingSpec,
  payment_method: str(),
  payment_method_data: paymentMethodDataSpec,
  payment_method_options: openObj({ card: openObj({ request_three_d_secure: oneOf("automatic", "any", "challenge") }) }),
  capture_method: oneOf("automatic", "automatic_async", "manual"),
  statement_descriptor: str(22),
  statement_descriptor_suffix: str(22),
  transfer_group: str(),
  payment_method_types: arr(str()),
  excluded_payment_method_types: arr(str()),
};
