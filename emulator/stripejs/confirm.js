  // Stripe.js stand-in, a consecutive piece of one script (order: ../stripejs-script.ts). 
  // The Stripe object (continued): confirmPayment / confirmSetup, next actions and redirects.
    // --- Shared confirm machinery -----------------------------------------
    function billingDetailsFor(pe, pmData) {
      var out = {};
      var dv = pe ? pe.defaultBillingDetails() : null;
      if (dv) {
        if (dv.name) out.name = dv.name;
        if (dv.email) out.email = dv.email;
        if (dv.phone) out.phone = dv.phone;
        if (isObject(dv.address)) {
          out.address = {};
          var map = { line1: "line1", line2: "line2", city: "city", state: "state", postal_code: "postal_code", country: "country" };
          for (var k in map) if (dv.address[k]) out.address[map[k]] = dv.address[k];
        }
      }
      if (pmData && isObject(pmData.billing_details)) assign(out, pmData.billing_details);
      return Object.keys(out).length ? out : undefined;
    }

    function createPaymentMethodFrom(pe, pmData, extraParams) {
      var params = { type: "card", card: pe.cardParams() };
      var bd = billingDetailsFor(pe, pmData);
      if (bd) params.billing_details = bd;
      if (pmData && pmData.allow_redisplay) params.allow_redisplay = pmData.allow_redisplay;
      if (pmData && isObject(pmData.metadata)) params.metadata = pmData.metadata;
      if (isObject(extraParams)) {
        for (var k in extraParams) {
          if (k === "billing_details" && isObject(extraParams.billing_details)) {
            params.billing_details = assign({}, params.billing_details, extraParams.billing_details);
          } else if (k !== "type" && k !== "card") params[k] = extraParams[k];
        }
      }
      return request("POST", "/v1/payment_methods", params).then(function (res) {
        if (res.error) pe.setServerError(res.error);
        return res;
      });
    }

    function errorFromIntent(intent, kind) {
      var lpe = kind === "payment_intent" ? intent.last_payment_error : intent.last_setup_error;
      var err = assign({}, isObject(lpe) ? lpe : { type: "card_error", message: "Your payment could not be completed." });
      if (!err.type) err.type = "card_error";
      if (err.code === "payment_intent_authentication_failure" || err.code === "setup_intent_authentication_failure") {
        err.message =
          "We are unable to authenticate your payment method. Please choose a different payment method and try again.";
      }
      err[kind] = intent;
      return err;
    }

    function redirectStatus(intent) {
      if (intent.status === "processing") return "processing";
      if (intent.status === "requires_payment_method" || intent.status === "canceled") return "failed";
      return "succeeded";
    }

    function redirectTo(returnUrl, kind, intent, secret) {
      var u;
      try {
        u = new URL(returnUrl, window.location.href);
      } catch (e) {
        u = null;
      }
      var prefix = kind === "payment_intent" ? "payment_intent" : "setup_intent";
      if (!u) return Promise.resolve({ error: { type: "invalid_request_error", message: "Invalid return_url: " + returnUrl } });
      u.searchParams.set(prefix, intent.id);
      u.searchParams.set(prefix + "_client_secret", secret);
      u.searchParams.set("redirect_status", redirectStatus(intent));
      log("redirect", prefix);
      window.location.assign(u.toString());
      return new Promise(function () {});
    }

    // Handles next_action until the intent no longer requires action.
    // Resolves {intent} | {error} | {redirected:true}.
    function handleActions(cs, intent) {
      var kind = cs.kind;
      if (intent.status !== "requires_action" || !isObject(intent.next_action)) return Promise.resolve({ intent: intent });
      var na = intent.next_action;
      if (na.type === "redirect_to_url" && na.redirect_to_url && na.redirect_to_url.url) {
        log("next_action redirect_to_url");
        window.location.assign(na.redirect_to_url.url);
        return new Promise(function () {});
      }
      if (na.type !== "use_stripe_sdk") {
        return Promise.resolve({
          error: {
            type: "invalid_request_error",
            message: "The local Stripe.js stand-in cannot handle next_action of type " + na.type + ".",
          },
        });
      }
      log("3ds challenge");
      return showThreeDSChallenge(intent).then(function (outcome) {
        log("3ds outcome", outcome);
        var controlPath =
          "/_emulator/" + (kind === "payment_intent" ? "payment_intents/" : "setup_intents/") + encodeURIComponent(cs.id) + "/three_d_secure";
        return request("POST", controlPath, { outcome: outcome, client_secret: cs.secret }, true).then(function (res) {
          if (res.error) {
            // e.g. 4000008260003178: authenticated, then declined (402 card_error).
            // Attach the intent as the publishable key sees it, like Stripe.js does.
            return retrieveIntent(cs).then(function (r3) {
              var err = assign({}, res.error);
              if (!r3.error) err[kind] = r3.data;
              return { error: err };
            });
          }
          return retrieveIntent(cs).then(function (r2) {
            if (r2.error) return { error: r2.error };
            var updated = r2.data;
            if (updated.status === "requires_action") return handleActions(cs, updated);
            return { intent: updated };
          });
        });
      });
    }

    function finishConfirm(cs, intent, redirectMode, returnUrl) {
      var kind = cs.kind;
      var resultKey = kind === "payment_intent" ? "paymentIntent" : "setupIntent";
      return handleActions(cs, intent).then(function (r) {
        if (r.error) return { error: r.error };
        var final = r.intent;
        if (final.status === "requires_payment_method" || final.status === "canceled") {
          return { error: errorFromIntent(final, kind) };
        }
        if (redirectMode !== "if_required" && returnUrl) {
          return redirectTo(returnUrl, kind, final, cs.secret);
        }
        var out = {};
        out[resultKey] = final;
        return out;
      });
    }

    // Stripe.js collects a Radar Session (browser and device signals) on the page and sends it
    // with each PaymentIntent confirm; here one id per page load stands for it.
    var RADAR_SESSION = "rse_" + Math.random().toString(36).slice(2, 12) + Date.now().toString(36);

    var CONFIRM_PASSTHROUGH = {
      payment_intent: ["receipt_email", "shipping", "setup_future_usage", "save_payment_method", "mandate_data", "expand", "payment_method_options"],
      setup_intent: ["mandate_data", "expand", "payment_method_options"],
    };

    function confirmIntent(method, kind, options) {
      options = isObject(options) ? options : {};
      var elements = options.elements;
      var gstate = elements ? stateOf(elements) : null;
      if (elements && !gstate) return reject(method + "(): the `elements` argument must be an Elements group created by this Stripe instance.");
      var redirect = options.redirect === undefined ? "always" : options.redirect;
      if (redirect !== "always" && redirect !== "if_required") {
        return reject("Invalid value for " + method + "(): redirect should be one of the following strings: always, if_required. You specified: " + redirect + ".");
      }
      var cp = isObject(options.confirmParams) ? options.confirmParams : {};
      var returnUrl = cp.return_url;
      if (redirect === "always" && !returnUrl) {
        return reject(method + "(): the `confirmParams.return_url` argument is required unless passing `redirect: 'if_required'`");
      }
      var secretStr = options.clientSecret || (gstate && gstate.clientSecret ? gstate.clientSecret.secret : null);
      if (!secretStr) {
        return reject(method + "(): the `clientSecret` argument is required when the Elements group was created without a clientSecret (deferred intent mode).");
      }
      var cs = parseClientSecret(secretStr);
      if (!cs) return Promise.reject(clientSecretError(method, secretStr));
      if (cs.kind !== kind) {
        return reject(
          method + "(): expected a " + (kind === "payment_intent" ? "PaymentIntent" : "SetupIntent") + " client secret, got one for a " +
            (cs.kind === "payment_intent" ? "PaymentIntent" : "SetupIntent") + "."
        );
      }
      var pe = gstate ? gstate.paymentElement() : null;
      if (!cp.payment_method && !cp.confirmation_token) {
        if (!pe || !pe.isMounted()) return reject(method + "(): the Payment Element must be mounted before confirming.");
        if (gstate.options.mode !== undefined && !gstate.submitted) {
          return reject(
            "elements.submit() must be called before " + method + "(). Call elements.submit() as soon as your customer presses pay, prior to any asynchronous work."
          );
        }
      }
      log(method);
      var validationError = pe && !cp.payment_method && !cp.confirmation_token ? pe.validate() : null;
      if (validationError) return Promise.resolve({ error: validationError });
      if (pe) pe.setBusy(true);

      var pmStep = cp.payment_method || cp.confirmation_token
        ? Promise.resolve({ data: null })
        : createPaymentMethodFrom(pe, cp.payment_method_data);

      return pmStep
        .then(function (pmRes) {
          if (pmRes.error) return { error: pmRes.error };
          var params = { client_secret: cs.secret, use_stripe_sdk: true };
          if (pmRes.data) params.payment_method = pmRes.data.id;
          else if (cp.payment_method) params.payment_method = cp.payment_method;
          if (cp.confirmation_token) params.confirmation_token = cp.confirmation_token;
          if (returnUrl) params.return_url = returnUrl;
          if (kind === "payment_intent") params.radar_options = { session: RADAR_SESSION };
          var pass = CONFIRM_PASSTHROUGH[kind];
          for (var i = 0; i < pass.length; i++) if (cp[pass[i]] !== undefined) params[pass[i]] = cp[pass[i]];
          return request("POST", intentPath(cs) + "/confirm", params).then(function (res) {
            if (res.error) return { error: res.error };
            return finishConfirm(cs, res.data, redirect, returnUrl);
          });
        })
        .then(
          function (result) {
            if (pe) pe.setBusy(false);
            return result;
          },
          function (e) {
            if (pe) pe.setBusy(false);
            throw e;
          }
        );
    }

