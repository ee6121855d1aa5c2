// Which of the pinned SDK's `*Params` interfaces documents each emulator route's parameters.
// generate-params.ts turns these into core/stripe-params.json; tests/params-coverage.test.ts
// fails on a /v1 route missing here. `file` is relative to stripe/cjs/resources; `stores` names
// the object (its `object` value) on which a POST stores the parameters it does not model.
export type ParamRoute = { file: string; type: string; stores?: string };

const r = (file: string, type: string, stores?: string): ParamRoute => ({ file, type, ...(stores && { stores }) });

export const PARAM_ROUTES: Record<string, ParamRoute> = {
  "POST /v1/customers": r("Customers.d.ts", "CustomerCreateParams", "customer"),
  "GET /v1/customers/:id": r("Customers.d.ts", "CustomerRetrieveParams"),
  "POST /v1/customers/:id": r("Customers.d.ts", "CustomerUpdateParams", "customer"),
  "DELETE /v1/customers/:id": r("Customers.d.ts", "CustomerDeleteParams"),
  "GET /v1/customers": r("Customers.d.ts", "CustomerListParams"),
  "GET /v1/customers/:id/payment_methods": r("Customers.d.ts", "CustomerListPaymentMethodsParams"),
  "GET /v1/customers/:id/payment_methods/:pm": r("Customers.d.ts", "CustomerRetrievePaymentMethodParams"),
  "GET /v1/customers/search": r("Customers.d.ts", "CustomerSearchParams"),

  "POST /v1/products": r("Products.d.ts", "ProductCreateParams", "product"),
  "GET /v1/products/:id": r("Products.d.ts", "ProductRetrieveParams"),
  "POST /v1/products/:id": r("Products.d.ts", "ProductUpdateParams", "product"),
  "DELETE /v1/products/:id": r("Products.d.ts", "ProductDeleteParams"),
  "GET /v1/products": r("Products.d.ts", "ProductListParams"),
  "GET /v1/products/search": r("Products.d.ts", "ProductSearchParams"),

  "POST /v1/prices": r("Prices.d.ts", "PriceCreateParams", "price"),
  "GET /v1/prices/:id": r("Prices.d.ts", "PriceRetrieveParams"),
  "POST /v1/prices/:id": r("Prices.d.ts", "PriceUpdateParams", "price"),
  "GET /v1/prices": r("Prices.d.ts", "PriceListParams"),
  "GET /v1/prices/search": r("Prices.d.ts", "PriceSearchParams"),

  // Only cards are modelled: the other types' hashes are accepted and not stored.
  "POST /v1/payment_methods": r("PaymentMethods.d.ts", "PaymentMethodCreateParams"),
  "GET /v1/payment_methods/:id": r("PaymentMethods.d.ts", "PaymentMethodRetrieveParams"),
  "POST /v1/payment_methods/:id": r("PaymentMethods.d.ts", "PaymentMethodUpdateParams", "payment_method"),
  "GET /v1/payment_methods": r("PaymentMethods.d.ts", "PaymentMethodListParams"),
  "POST /v1/payment_methods/:id/attach": r("PaymentMethods.d.ts", "PaymentMethodAttachParams"),
  "POST /v1/payment_methods/:id/detach": r("PaymentMethods.d.ts", "PaymentMethodDetachParams"),

  "POST /v1/payment_intents": r("PaymentIntents.d.ts", "PaymentIntentCreateParams", "payment_intent"),
  "GET /v1/payment_intents/:id": r("PaymentIntents.d.ts", "PaymentIntentRetrieveParams"),
  "POST /v1/payment_intents/:id": r("PaymentIntents.d.ts", "PaymentIntentUpdateParams", "payment_intent"),
  "GET /v1/payment_intents": r("PaymentIntents.d.ts", "PaymentIntentListParams"),
  "GET /v1/payment_intents/search": r("PaymentIntents.d.ts", "PaymentIntentSearchParams"),
  "POST /v1/payment_intents/:id/confirm": r("PaymentIntents.d.ts", "PaymentIntentConfirmParams", "payment_intent"),
  "POST /v1/payment_intents/:id/capture": r("PaymentIntents.d.ts", "PaymentIntentCaptureParams", "payment_intent"),
  "POST /v1/payment_intents/:id/cancel": r("PaymentIntents.d.ts", "PaymentIntentCancelParams"),

  "GET /v1/charges/:id": r("Charges.d.ts", "ChargeRetrieveParams"),
  "POST /v1/charges/:id": r("Charges.d.ts", "ChargeUpdateParams", "charge"),
  "GET /v1/charges": r("Charges.d.ts", "ChargeListParams"),
  "GET /v1/charges/search": r("Charges.d.ts", "ChargeSearchParams"),
  // The SDK has no method for this list; Stripe documents pagination and expand for it.
  "GET /v1/charges/:id/refunds": r("../shared.d.ts", "PaginationParams"),
  "GET /v1/balance_transactions/:id": r("BalanceTransactions.d.ts", "BalanceTransactionRetrieveParams"),

  "POST /v1/refunds": r("Refunds.d.ts", "RefundCreateParams", "refund"),
  "GET /v1/refunds/:id": r("Refunds.d.ts", "RefundRetrieveParams"),
  "POST /v1/refunds/:id": r("Refunds.d.ts", "RefundUpdateParams", "refund"),
  "POST /v1/refunds/:id/cancel": r("Refunds.d.ts", "RefundCancelParams"),
  "GET /v1/refunds": r("Refunds.d.ts", "RefundListParams"),

  "GET /v1/disputes/:id": r("Disputes.d.ts", "DisputeRetrieveParams"),
  "GET /v1/disputes": r("Disputes.d.ts", "DisputeListParams"),
  "POST /v1/disputes/:id": r("Disputes.d.ts", "DisputeUpdateParams", "dispute"),
  "POST /v1/disputes/:id/close": r("Disputes.d.ts", "DisputeCloseParams"),
  "GET /v1/reviews": r("Reviews.d.ts", "ReviewListParams"),
  "GET /v1/reviews/:id": r("Reviews.d.ts", "ReviewRetrieveParams"),
  "POST /v1/reviews/:id/approve": r("Reviews.d.ts", "ReviewApproveParams"),

  "GET /v1/events/:id": r("Events.d.ts", "EventRetrieveParams"),
  "GET /v1/events": r("Events.d.ts", "EventListParams"),

  "POST /v1/webhook_endpoints": r("WebhookEndpoints.d.ts", "WebhookEndpointCreateParams", "webhook_endpoint"),
  "GET /v1/webhook_endpoints/:id": r("WebhookEndpoints.d.ts", "WebhookEndpointRetrieveParams"),
  "POST /v1/webhook_endpoints/:id": r("WebhookEndpoints.d.ts", "WebhookEndpointUpdateParams", "webhook_endpoint"),
  "GET /v1/webhook_endpoints": r("WebhookEndpoints.d.ts", "WebhookEndpointListParams"),
  "DELETE /v1/webhook_endpoints/:id": r("WebhookEndpoints.d.ts", "WebhookEndpointDeleteParams"),

  "POST /v1/setup_intents": r("SetupIntents.d.ts", "SetupIntentCreateParams", "setup_intent"),
  "GET /v1/setup_intents/:id": r("SetupIntents.d.ts", "SetupIntentRetrieveParams"),
  "POST /v1/setup_intents/:id": r("SetupIntents.d.ts", "SetupIntentUpdateParams", "setup_intent"),
  "GET /v1/setup_intents": r("SetupIntents.d.ts", "SetupIntentListParams"),
  "POST /v1/setup_intents/:id/confirm": r("SetupIntents.d.ts", "SetupIntentConfirmParams"),
  "POST /v1/setup_intents/:id/cancel": r("SetupIntents.d.ts", "SetupIntentCancelParams"),

  "POST /v1/coupons": r("Coupons.d.ts", "CouponCreateParams", "coupon"),
  "GET /v1/coupons/:id": r("Coupons.d.ts", "CouponRetrieveParams"),
  "POST /v1/coupons/:id": r("Coupons.d.ts", "CouponUpdateParams", "coupon"),
  "DELETE /v1/coupons/:id": r("Coupons.d.ts", "CouponDeleteParams"),
  "GET /v1/coupons": r("Coupons.d.ts", "CouponListParams"),

  "POST /v1/promotion_codes": r("PromotionCodes.d.ts", "PromotionCodeCreateParams", "promotion_code"),
  "GET /v1/promotion_codes/:id": r("PromotionCodes.d.ts", "PromotionCodeRetrieveParams"),
  "POST /v1/promotion_codes/:id": r("PromotionCodes.d.ts", "PromotionCodeUpdateParams", "promotion_code"),
  "GET /v1/promotion_codes": r("PromotionCodes.d.ts", "PromotionCodeListParams"),

  "POST /v1/invoices": r("Invoices.d.ts", "InvoiceCreateParams", "invoice"),
  "POST /v1/invoices/create_preview": r("Invoices.d.ts", "InvoiceCreatePreviewParams"),
  "GET /v1/invoices/:id": r("Invoices.d.ts", "InvoiceRetrieveParams"),
  "POST /v1/invoices/:id": r("Invoices.d.ts", "InvoiceUpdateParams", "invoice"),
  "DELETE /v1/invoices/:id": r("Invoices.d.ts", "InvoiceDeleteParams"),
  "GET /v1/invoices": r("Invoices.d.ts", "InvoiceListParams"),
  "GET /v1/invoices/:id/lines": r("Invoices.d.ts", "InvoiceListLineItemsParams"),
  "POST /v1/invoices/:id/finalize": r("Invoices.d.ts", "InvoiceFinalizeInvoiceParams"),
  "POST /v1/invoices/:id/pay": r("Invoices.d.ts", "InvoicePayParams"),
  "POST /v1/invoices/:id/void": r("Invoices.d.ts", "InvoiceVoidInvoiceParams"),
  "POST /v1/invoices/:id/mark_uncollectible": r("Invoices.d.ts", "InvoiceMarkUncollectibleParams"),
  "POST /v1/invoices/:id/send": r("Invoices.d.ts", "InvoiceSendInvoiceParams"),

  "POST /v1/invoiceitems": r("InvoiceItems.d.ts", "InvoiceItemCreateParams", "invoiceitem"),
  "GET /v1/invoiceitems/:id": r("InvoiceItems.d.ts", "InvoiceItemRetrieveParams"),
  "POST /v1/invoiceitems/:id": r("InvoiceItems.d.ts", "InvoiceItemUpdateParams", "invoiceitem"),
  "DELETE /v1/invoiceitems/:id": r("InvoiceItems.d.ts", "InvoiceItemDeleteParams"),
  "GET /v1/invoiceitems": r("InvoiceItems.d.ts", "InvoiceItemListParams"),

  "GET /v1/invoice_payments": r("InvoicePayments.d.ts", "InvoicePaymentListParams"),
  "GET /v1/invoice_payments/:id": r("InvoicePayments.d.ts", "InvoicePaymentRetrieveParams"),

  "POST /v1/subscriptions": r("Subscriptions.d.ts", "SubscriptionCreateParams", "subscription"),
  "GET /v1/subscriptions/:id": r("Subscriptions.d.ts", "SubscriptionRetrieveParams"),
  "POST /v1/subscriptions/:id": r("Subscriptions.d.ts", "SubscriptionUpdateParams", "subscription"),
  "DELETE /v1/subscriptions/:id": r("Subscriptions.d.ts", "SubscriptionCancelParams"),
  "GET /v1/subscriptions": r("Subscriptions.d.ts", "SubscriptionListParams"),
  "POST /v1/subscriptions/:id/pause": r("Subscriptions.d.ts", "SubscriptionPauseParams"),
  "POST /v1/subscriptions/:id/resume": r("Subscriptions.d.ts", "SubscriptionResumeParams"),
  "DELETE /v1/subscriptions/:id/discount": r("Subscriptions.d.ts", "SubscriptionDeleteDiscountParams"),

  "GET /v1/subscription_items": r("SubscriptionItems.d.ts", "SubscriptionItemListParams"),
  "GET /v1/subscription_items/:id": r("SubscriptionItems.d.ts", "SubscriptionItemRetrieveParams"),
  "POST /v1/subscription_items": r("SubscriptionItems.d.ts", "SubscriptionItemCreateParams"),
  "POST /v1/subscription_items/:id": r("SubscriptionItems.d.ts", "SubscriptionItemUpdateParams"),
  "DELETE /v1/subscription_items/:id": r("SubscriptionItems.d.ts", "SubscriptionItemDeleteParams"),

  "POST /v1/billing/meters": r("Billing/Meters.d.ts", "Billing.MeterCreateParams", "billing.meter"),
  "GET /v1/billing/meters/:id": r("Billing/Meters.d.ts", "Billing.MeterRetrieveParams"),
  "POST /v1/billing/meters/:id": r("Billing/Meters.d.ts", "Billing.MeterUpdateParams", "billing.meter"),
  "GET /v1/billing/meters": r("Billing/Meters.d.ts", "Billing.MeterListParams"),
  "POST /v1/billing/meters/:id/deactivate": r("Billing/Meters.d.ts", "Billing.MeterDeactivateParams"),
  "POST /v1/billing/meters/:id/reactivate": r("Billing/Meters.d.ts", "Billing.MeterReactivateParams"),
  "GET /v1/billing/meters/:id/event_summaries": r("Billing/Meters.d.ts", "Billing.MeterListEventSummariesParams"),
  "POST /v1/billing/meter_events": r("Billing/MeterEvents.d.ts", "Billing.MeterEventCreateParams"),

  "POST /v1/test_helpers/test_clocks": r("TestHelpers/TestClocks.d.ts", "TestHelpers.TestClockCreateParams", "test_helpers.test_clock"),
  "GET /v1/test_helpers/test_clocks/:id": r("TestHelpers/TestClocks.d.ts", "TestHelpers.TestClockRetrieveParams"),
  "GET /v1/test_helpers/test_clocks": r("TestHelpers/TestClocks.d.ts", "TestHelpers.TestClockListParams"),
  "DELETE /v1/test_helpers/test_clocks/:id": r("TestHelpers/TestClocks.d.ts", "TestHelpers.TestClockDeleteParams"),
  "POST /v1/test_helpers/test_clocks/:id/advance": r("TestHelpers/TestClocks.d.ts", "TestHelpers.TestClockAdvanceParams"),

  "GET /v1/invoices/search": r("Invoices.d.ts", "InvoiceSearchParams"),
  "GET /v1/subscriptions/search": r("Subscriptions.d.ts", "SubscriptionSearchParams"),

  "GET /v1/account": r("Accounts.d.ts", "AccountRetrieveCurrentParams"),
  "GET /v1/balance": r("Balance.d.ts", "BalanceRetrieveParams"),
  "GET /v1/balance_transactions": r("BalanceTransactions.d.ts", "BalanceTransactionListParams"),
  "POST /v1/payment_intents/:id/increment_authorization": r("PaymentIntents.d.ts", "PaymentIntentIncrementAuthorizationParams", "payment_intent"),

  "POST /v1/customers/:id/tax_ids": r("Customers.d.ts", "CustomerCreateTaxIdParams"),
  "GET /v1/customers/:id/tax_ids": r("Customers.d.ts", "CustomerListTaxIdsParams"),
  "GET /v1/customers/:id/tax_ids/:tax_id": r("Customers.d.ts", "CustomerRetrieveTaxIdParams"),
  "DELETE /v1/customers/:id/tax_ids/:tax_id": r("Customers.d.ts", "CustomerDeleteTaxIdParams"),

  "POST /v1/checkout/sessions": r("Checkout/Sessions.d.ts", "Checkout.SessionCreateParams"),
  "GET /v1/checkout/sessions/:id": r("Checkout/Sessions.d.ts", "Checkout.SessionRetrieveParams"),
  "POST /v1/checkout/sessions/:id": r("Checkout/Sessions.d.ts", "Checkout.SessionUpdateParams"),
  "GET /v1/checkout/sessions": r("Checkout/Sessions.d.ts", "Checkout.SessionListParams"),
  "GET /v1/checkout/sessions/:id/line_items": r("Checkout/Sessions.d.ts", "Checkout.SessionListLineItemsParams"),
  "POST /v1/checkout/sessions/:id/expire": r("Checkout/Sessions.d.ts", "Checkout.SessionExpireParams"),

  "POST /v1/billing_portal/configurations": r("BillingPortal/Configurations.d.ts", "BillingPortal.ConfigurationCreateParams"),
  "GET /v1/billing_portal/configurations/:id": r("BillingPortal/Configurations.d.ts", "BillingPortal.ConfigurationRetrieveParams"),
  "POST /v1/billing_portal/configurations/:id": r("BillingPortal/Configurations.d.ts", "BillingPortal.ConfigurationUpdateParams"),
  "GET /v1/billing_portal/configurations": r("BillingPortal/Configurations.d.ts", "BillingPortal.ConfigurationListParams"),
  "POST /v1/billing_portal/sessions": r("BillingPortal/Sessions.d.ts", "BillingPortal.SessionCreateParams"),
};
