// Billing extension (issue 4): coupons, promotion codes, subscriptions, invoices, meters, test clocks.
import type { Route } from "../context.ts";

export const billingRoutes: Route[] = [];
