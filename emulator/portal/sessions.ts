// Billing Portal sessions (`POST /v1/billing_portal/sessions`): a `url` to the emulator's hosted
// portal page (portal/page.ts) for one customer, with a configuration (given, or the default).
import type Stripe from "stripe";
import type { Route } from "../core/context.ts";
import { invalidRequest } from "../core/errors.ts";
import { newId, nowSeconds } from "../core/ids.ts";
import { openObj, req, str } from "../core/params.ts";
import { reference } from "../resources/shared.ts";
import { defaultConfiguration, type PortalConfiguration } from "./configurations.ts";

export type PortalSession = Stripe.BillingPortal.Session;

export const portalSessionRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/billing_portal/sessions",
    schema: { customer: req(str()), return_url: str(), configuration: str(), locale: str(), on_behalf_of: str(), flow_data: openObj(), customer_account: str() },
    handler(ctx) {
      const p = ctx.params;
      const customer = reference<Stripe.Customer>(ctx, "customers", p.customer, "customer", "customer");
      if (p.flow_data) throw invalidRequest("The emulator's portal has no deep-link flows: `flow_data` is not modelled.", { param: "flow_data" });
      if (p.on_behalf_of) throw invalidRequest("Connect is not modelled by the emulator: `on_behalf_of` is not supported.", { param: "on_behalf_of" });
      const config = p.configuration
        ? reference<PortalConfiguration>(ctx, "billing_portal_configurations", p.configuration, "billing portal configuration", "configuration")
        : defaultConfiguration(ctx);
      if (!config.active) throw invalidRequest("The configuration provided is not active.", { param: "configuration" });
      const returnUrl = p.return_url ?? config.default_return_url;
      if (!returnUrl) throw invalidRequest("You must provide a `return_url` or set `default_return_url` on the configuration.", { param: "return_url" });
      const id = newId("bps");
      const session: PortalSession = {
        id,
        object: "billing_portal.session",
        configuration: config.id,
        created: nowSeconds(),
        customer: customer.id,
        customer_account: null,
        flow: null,
        livemode: false,
        locale: (p.locale as Stripe.BillingPortal.Session.Locale) ?? null,
        on_behalf_of: null,
        return_url: returnUrl,
        url: `${ctx.baseUrl}/p/session/${id}`,
      };
      ctx.emu.store.put("billing_portal_sessions", session);
      ctx.emu.emit("billing_portal.session.created", session, ctx);
      return session;
    },
  },
];
