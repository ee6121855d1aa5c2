/*
 * Payport — local stand-in for Stripe.js (https://js.stripe.com/endive/stripe.js).
 *
 * Served by the local Stripe emulator at GET /v3/stripe.js. Plain ES2019, no
 * build step, no dependencies. It defines `window.Stripe` so that
 * @stripe/stripe-js (`loadStripe` from "@stripe/stripe-js/pure") and
 * @stripe/react-stripe-js (<Elements>, <PaymentElement>) work unchanged offline.
 *
 * The API base is derived from this script's own src (".../v3/stripe.js" → "..."),
 * so card data is only ever sent to the emulator that served this file.
 *
 * Supported surface (see shared/stripe/BEHAVIOR.md §11):
 *   Stripe(pk, opts) · stripe.elements({clientSecret}|{mode, amount, currency})
 *   elements.create('payment') / getElement / update / submit / fetchUpdates / on('update-end')
 *   element.mount / unmount / destroy / on / once / off / update / focus / blur / clear / collapse
 *   stripe.confirmPayment / confirmSetup / retrievePaymentIntent / retrieveSetupIntent
 *   stripe.handleNextAction / handleCardAction / createPaymentMethod
 *   guard methods (createToken, confirmCardPayment, …) resolve an "unsupported" error.
 * Only debug state is global: window.__stripeStandIn (no card data is recorded).
 */
(function () {
  "use strict";
  if (typeof window === "undefined" || typeof document === "undefined") return;

  // ---------------------------------------------------------------------------
  // API base: where this script came from.
  // ---------------------------------------------------------------------------
  function deriveApiBase() {
    var script = document.currentScript;
    var src = script && script.src;
    if (!src) {
      var scripts = document.getElementsByTagName("script");
      for (var i = scripts.length - 1; i >= 0; i--) {
        if (/\/v3\/stripe\.js(\?|#|$)/.test(scripts[i].src || "")) {
          src = scripts[i].src;
          break;
        }
      }
    }
    if (script && script.getAttribute && script.getAttribute("data-api-base")) {
      return script.getAttribute("data-api-base").replace(/\/+$/, "");
    }
    if (!src) return "http://127.0.0.1:12111";
    try {
      var u = new URL(src, window.location.href);
      var path = u.pathname.replace(/\/v3\/stripe\.js$/, "").replace(/\/[^/]*\.js$/, "");
      return (u.origin + path).replace(/\/+$/, "");
    } catch (e) {
      return "http://127.0.0.1:12111";
    }
  }
  var API_BASE = deriveApiBase();

  var debug = {
    standIn: true,
    version: "endive",
    apiBase: API_BASE,
    calls: [],
  };
  try {
    window.__stripeStandIn = debug;
  } catch (e) {
    /* ignore */
  }
  function log(name, detail) {
    var entry = { at: Date.now(), call: name };
    if (detail !== undefined) entry.detail = detail;
    debug.calls.push(entry);
    if (debug.calls.length > 500) debug.calls.shift();
  }

