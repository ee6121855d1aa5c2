// account.application.* tell us an account installed (authorized) or removed
// (deauthorized) our Stripe App; the AppInstallation row of that account and
// mode records it. They pass the mode and account screening (lib/webhooks/scope.ts).
import type Stripe from "stripe";
import { getStripeAppEnv } from "@/lib/env";
import { recordAppInstallation } from "@/lib/stripe-app/installations";
import type { StripeEventHandlers } from "@/lib/webhooks/handlers/types";
import { log } from "@/lib/observability/log";

type ApplicationEvent = { account?: string; livemode: boolean; created: number; data: { object: Stripe.Application } };

async function record(event: ApplicationEvent, kind: "authorized" | "deauthorized") {
  // Events about another account carry it in `account`; a private app installed
  // on our own account may omit it, and then it is ours.
  const config = getStripeAppEnv();
  const accountId = event.account ?? (config.configured ? config.accountId : null);
  if (!accountId) {
    log.warn("webhook: app installation without an account and no STRIPE_ACCOUNT_ID configured; not recorded", { eventType: `account.application.${kind}` });
    return;
  }
  await recordAppInstallation({ accountId, livemode: event.livemode === true, applicationId: event.data.object.id ?? null, kind, at: new Date(event.created * 1000) });
}

export const appInstallationHandlers: StripeEventHandlers = {
  // The app was installed (or reinstalled): its Dashboard views may call us.
  "account.application.authorized": (event) => record(event, "authorized"),
  // The app was uninstalled: no more requests from that account's Dashboard.
  "account.application.deauthorized": (event) => record(event, "deauthorized"),
};
