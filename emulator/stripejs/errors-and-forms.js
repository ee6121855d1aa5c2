  // Stripe.js stand-in, a consecutive piece of one script (order: ../stripejs-script.ts). 
  // Errors Stripe.js throws or resolves, and form encoding of API parameters.
  // ---------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------
  function IntegrationError(message) {
    var err = new Error(message);
    err.name = "IntegrationError";
    return err;
  }
  function reject(message) {
    return Promise.reject(IntegrationError(message));
  }
  function isObject(v) {
    return v !== null && typeof v === "object";
  }
  function assign(target) {
    for (var i = 1; i < arguments.length; i++) {
      var src = arguments[i];
      if (!isObject(src)) continue;
      for (var k in src) if (Object.prototype.hasOwnProperty.call(src, k)) target[k] = src[k];
    }
    return target;
  }
  function parseClientSecret(secret) {
    if (typeof secret !== "string") return null;
    var m = /^((pi|seti)_[A-Za-z0-9]+)_secret_[A-Za-z0-9_]+$/.exec(secret);
    if (!m) return null;
    return { id: m[1], kind: m[2] === "pi" ? "payment_intent" : "setup_intent", secret: secret };
  }
  function clientSecretError(method, secret) {
    return IntegrationError(
      "Invalid value for " +
        method +
        ": clientSecret should be a client secret of the form ${id}_secret_${secret}. You specified: " +
        String(secret) +
        "."
    );
  }

  // Form encoding exactly as stripe-node does it: nested brackets, indexed arrays,
  // null → "" (unset), undefined omitted.
  function encodeForm(obj) {
    var parts = [];
    function enc(v) {
      return encodeURIComponent(v).replace(/[!'()*]/g, function (c) {
        return "%" + c.charCodeAt(0).toString(16).toUpperCase();
      });
    }
    function walk(value, key) {
      if (value === undefined) return;
      if (value === null) {
        parts.push(key + "=");
      } else if (Array.isArray(value)) {
        for (var i = 0; i < value.length; i++) walk(value[i], key + "[" + i + "]");
      } else if (isObject(value)) {
        for (var k in value) {
          if (Object.prototype.hasOwnProperty.call(value, k)) walk(value[k], key ? key + "[" + enc(k) + "]" : enc(k));
        }
      } else {
        parts.push(key + "=" + enc(String(value)));
      }
    }
    walk(obj, "");
    return parts.join("&");
  }

  function connectionError(e) {
    return {
      type: "api_connection_error",
      message:
        "Failed to connect to the local Stripe emulator at " + API_BASE + (e && e.message ? ": " + e.message : "."),
    };
  }

