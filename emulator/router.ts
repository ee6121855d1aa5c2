// The one place resource modules are registered. New resources (subscriptions, invoices…) add
// their Route[] here.
import type { HttpMethod, Route } from "./core/context.ts";
import { accountRoutes } from "./resources/account.ts";
import { catalogRoutes } from "./resources/catalog.ts";
import { chargeRoutes } from "./resources/charges.ts";
import { customerRoutes } from "./resources/customers.ts";
import { disputeRoutes } from "./resources/disputes.ts";
import { eventRoutes } from "./resources/events.ts";
import { paymentIntentRoutes } from "./resources/payment_intents.ts";
import { paymentMethodRoutes } from "./resources/payment_methods.ts";
import { refundRoutes } from "./resources/refunds.ts";
import { reviewRoutes } from "./resources/reviews.ts";
import { webhookEndpointRoutes } from "./resources/webhook_endpoints.ts";
import { setupIntentRoutes } from "./resources/setup_intents.ts";
import { billingRoutes } from "./billing-routes.ts";
import { searchRoutes } from "./resources/search.ts";
import { balanceRoutes } from "./resources/balance.ts";
import { paymentIntentIncrementRoutes } from "./resources/payment_intent_increment.ts";
import { checkoutSessionRoutes } from "./checkout/sessions.ts";
import { taxIdRoutes } from "./resources/tax_ids.ts";
import { portalConfigurationRoutes } from "./portal/configurations.ts";
import { portalSessionRoutes } from "./portal/sessions.ts";

export const ROUTES: Route[] = [
  ...accountRoutes,
  ...customerRoutes,
  ...catalogRoutes,
  ...paymentMethodRoutes,
  ...paymentIntentRoutes,
  ...chargeRoutes,
  ...refundRoutes,
  ...disputeRoutes,
  ...reviewRoutes,
  ...eventRoutes,
  ...webhookEndpointRoutes,
  ...searchRoutes,
  ...setupIntentRoutes,
  ...billingRoutes,
  ...balanceRoutes,
  ...paymentIntentIncrementRoutes,
  ...checkoutSessionRoutes,
  ...taxIdRoutes,
  ...portalConfigurationRoutes,
  ...portalSessionRoutes,
];

interface Compiled {
  route: Route;
  segments: string[];
  literals: number;
}

export class Router {
  private table = new Map<string, Compiled[]>();
  constructor(routes: Route[]) {
    for (const route of routes) {
      const segments = route.path.split("/").slice(1);
      const key = `${route.method} ${segments.length}`;
      const list = this.table.get(key) ?? [];
      list.push({ route, segments, literals: segments.filter((s) => !s.startsWith(":")).length });
      list.sort((a, b) => b.literals - a.literals);
      this.table.set(key, list);
    }
  }

  match(method: HttpMethod, pathname: string): { route: Route; params: Record<string, string> } | null {
    const parts = pathname.split("/").slice(1);
    if (parts.length && parts[parts.length - 1] === "") parts.pop();
    const candidates = this.table.get(`${method} ${parts.length}`);
    if (!candidates) return null;
    outer: for (const c of candidates) {
      const params: Record<string, string> = {};
      for (let i = 0; i < parts.length; i++) {
        const seg = c.segments[i];
        if (seg.charCodeAt(0) === 58 /* : */) {
          let value = parts[i];
          if (value.includes("%")) {
            try {
              value = decodeURIComponent(value);
            } catch {
              // malformed escape: keep the raw segment, which then matches no object
            }
          }
          params[seg.slice(1)] = value;
        } else if (seg !== parts[i]) continue outer;
      }
      return { route: c.route, params };
    }
    return null;
  }
}
