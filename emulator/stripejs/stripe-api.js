  // Stripe.js stand-in, a consecutive piece of one script (order: ../stripejs-script.ts). 
  // The Stripe object (closes Stripe() and the script): its public methods and window.Stripe.
    function unsupported(name) {
      return function () {
        log(name + " (unsupported)");
        return Promise.resolve({
          error: {
            type: "invalid_request_error",
            code: "unsupported_in_local_emulator",
            message: "stripe." + name + "() is not supported by the local Stripe.js stand-in. Use the Payment Element with confirmPayment/confirmSetup.",
          },
        });
      };
    }

    var stripe = {
      elements: function (options) {
        log("stripe.elements", options && options.mode ? "mode:" + options.mode : options && options.clientSecret ? "clientSecret" : "none");
        return createElementsGroup(options);
      },
      confirmPayment: function (options) {
        return confirmIntent("stripe.confirmPayment", "payment_intent", options);
      },
      confirmSetup: function (options) {
        return confirmIntent("stripe.confirmSetup", "setup_intent", options);
      },
      retrievePaymentIntent: function (clientSecret) {
        log("stripe.retrievePaymentIntent");
        var cs = parseClientSecret(clientSecret);
        if (!cs || cs.kind !== "payment_intent") return Promise.reject(clientSecretError("stripe.retrievePaymentIntent", clientSecret));
        return retrieveIntent(cs).then(function (res) {
          return res.error ? { error: res.error } : { paymentIntent: res.data };
        });
      },
      retrieveSetupIntent: function (clientSecret) {
        log("stripe.retrieveSetupIntent");
        var cs = parseClientSecret(clientSecret);
        if (!cs || cs.kind !== "setup_intent") return Promise.reject(clientSecretError("stripe.retrieveSetupIntent", clientSecret));
        return retrieveIntent(cs).then(function (res) {
          return res.error ? { error: res.error } : { setupIntent: res.data };
        });
      },
      handleNextAction: function (options) {
        log("stripe.handleNextAction");
        var secret = isObject(options) ? options.clientSecret : undefined;
        var cs = parseClientSecret(secret);
        if (!cs) return Promise.reject(clientSecretError("stripe.handleNextAction", secret));
        var key = cs.kind === "payment_intent" ? "paymentIntent" : "setupIntent";
        return retrieveIntent(cs).then(function (res) {
          if (res.error) return { error: res.error };
          var intent = res.data;
          if (intent.status !== "requires_action") {
            throw IntegrationError(
              "handleNextAction: The " + (cs.kind === "payment_intent" ? "PaymentIntent" : "SetupIntent") +
                " supplied is not in the requires_action state (status: " + intent.status + ")."
            );
          }
          return handleActions(cs, intent).then(function (r) {
            if (r.error) return { error: r.error };
            if (r.intent.status === "requires_payment_method" || r.intent.status === "canceled") {
              return { error: errorFromIntent(r.intent, cs.kind) };
            }
            var out = {};
            out[key] = r.intent;
            return out;
          });
        });
      },
      handleCardAction: function (clientSecret) {
        return stripe.handleNextAction({ clientSecret: clientSecret });
      },
      createPaymentMethod: function (options) {
        log("stripe.createPaymentMethod");
        options = isObject(options) ? options : {};
        var pe = null;
        var gstate = null;
        if (options.elements) {
          gstate = stateOf(options.elements);
          pe = gstate ? gstate.paymentElement() : null;
        } else if (isObject(options.element)) {
          pe = elementInternals.get(options.element) || null;
          gstate = pe ? pe.group : null;
        }
        if (!pe || !pe.isMounted()) {
          return unsupported("createPaymentMethod")();
        }
        if (gstate && !gstate.submitted) {
          return reject(
            "elements.submit() must be called before stripe.createPaymentMethod(). Call elements.submit() as soon as your customer presses pay, prior to any asynchronous work."
          );
        }
        var err = pe.validate();
        if (err) return Promise.resolve({ error: err });
        var params = isObject(options.params) ? assign({}, options.params) : {};
        if (isObject(options.metadata)) params.metadata = options.metadata;
        pe.setBusy(true);
        return createPaymentMethodFrom(pe, null, params).then(function (res) {
          pe.setBusy(false);
          return res.error ? { error: res.error } : { paymentMethod: res.data };
        });
      },
      createConfirmationToken: unsupported("createConfirmationToken"),
      // The react-stripe-js isStripe() guard requires these to be functions.
      createToken: unsupported("createToken"),
      createSource: unsupported("createSource"),
      confirmCardPayment: unsupported("confirmCardPayment"),
      confirmCardSetup: unsupported("confirmCardSetup"),
      createRadarSession: unsupported("createRadarSession"),
      paymentRequest: function () {
        throw IntegrationError("paymentRequest() is not supported by the local Stripe.js stand-in.");
      },
      registerAppInfo: function (info) {
        log("stripe.registerAppInfo", info && info.name);
      },
      _registerWrapper: function (wrapper) {
        log("stripe._registerWrapper", wrapper && wrapper.name);
      },
    };
    return stripe;
  }
  Stripe.version = "endive";

  window.Stripe = Stripe;
})();
