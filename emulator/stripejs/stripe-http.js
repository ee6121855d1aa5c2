  // Stripe.js stand-in, a consecutive piece of one script (order: ../stripejs-script.ts). 
  // The Stripe object (opens Stripe()): options and requests to the emulator.
  // ---------------------------------------------------------------------------
  // The Stripe object
  // ---------------------------------------------------------------------------
  function Stripe(publishableKey, stripeOptions) {
    if (typeof publishableKey !== "string" || !publishableKey) {
      throw IntegrationError("Please call Stripe() with your publishable key. You used an empty string.");
    }
    if (/^sk_/.test(publishableKey)) {
      throw IntegrationError("You should not use your secret key with Stripe.js. Please pass a publishable key instead.");
    }
    log("Stripe()");
    var pk = publishableKey;
    var sOpts = isObject(stripeOptions) ? stripeOptions : {};
    var elementsState = new WeakMap();

    function stateOf(elements) {
      return isObject(elements) ? elementsState.get(elements) || null : null;
    }

    // --- HTTP ---------------------------------------------------------------
    function headers(extra) {
      var h = { Authorization: "Bearer " + pk, Accept: "application/json" };
      if (sOpts.apiVersion) h["Stripe-Version"] = sOpts.apiVersion;
      if (sOpts.stripeAccount) h["Stripe-Account"] = sOpts.stripeAccount;
      return assign(h, extra);
    }
    function request(method, path, params, json) {
      var url = API_BASE + path;
      var init = { method: method, headers: headers(), credentials: "omit", mode: "cors" };
      if (method === "GET" && params) {
        var q = encodeForm(params);
        if (q) url += (url.indexOf("?") === -1 ? "?" : "&") + q;
      } else if (json) {
        init.headers["Content-Type"] = "application/json";
        init.body = JSON.stringify(params || {});
      } else if (params) {
        init.headers["Content-Type"] = "application/x-www-form-urlencoded";
        init.body = encodeForm(params);
      }
      return fetch(url, init).then(
        function (res) {
          return res.text().then(function (text) {
            var body = null;
            try {
              body = text ? JSON.parse(text) : null;
            } catch (e) {
              body = null;
            }
            log("api " + method + " " + path.split("?")[0], res.status);
            if (!res.ok || !body || body.error) {
              var err =
                body && isObject(body.error)
                  ? body.error
                  : { type: "api_error", message: "Unexpected response from the local Stripe emulator (HTTP " + res.status + ")." };
              return { error: err, status: res.status };
            }
            return { data: body, status: res.status };
          });
        },
        function (e) {
          log("api " + method + " " + path.split("?")[0], "network error");
          return { error: connectionError(e) };
        }
      );
    }
    function intentPath(cs) {
      return (cs.kind === "payment_intent" ? "/v1/payment_intents/" : "/v1/setup_intents/") + encodeURIComponent(cs.id);
    }
    function retrieveIntent(cs) {
      return request("GET", intentPath(cs), { client_secret: cs.secret });
    }

