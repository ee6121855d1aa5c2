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

  // ---------------------------------------------------------------------------
  // Test cards (shared/stripe/BEHAVIOR.md §3)
  // ---------------------------------------------------------------------------
  var TEST_CARDS = [
    {
      group: "Succeeds",
      cards: [
        ["4242424242424242", "Visa — succeeds"],
        ["4000056655665556", "Visa debit — succeeds"],
        ["5555555555554444", "Mastercard — succeeds"],
        ["5200828282828210", "Mastercard debit — succeeds"],
        ["5105105105105100", "Mastercard prepaid — succeeds"],
        ["378282246310005", "American Express — succeeds"],
        ["6011111111111117", "Discover — succeeds"],
        ["3056930009020004", "Diners Club — succeeds"],
        ["3566002020360505", "JCB — succeeds"],
        ["6200000000000005", "UnionPay — succeeds"],
        ["4000000000000077", "Visa — succeeds, bypasses pending balance"],
      ],
    },
    {
      group: "Declines",
      cards: [
        ["4000000000000002", "Declined — generic_decline"],
        ["4000000000009995", "Declined — insufficient_funds"],
        ["4000000000009987", "Declined — lost_card"],
        ["4000000000009979", "Declined — stolen_card"],
        ["4000000000000069", "Declined — expired_card"],
        ["4000000000000127", "Declined — incorrect_cvc"],
        ["4000000000000119", "Declined — processing_error"],
        ["4000000000006975", "Declined — card_velocity_exceeded"],
        ["4000000000000341", "Attaches to a customer, every charge declines"],
        ["4242424242424241", "Incorrect number (fails the Luhn check)"],
      ],
    },
    {
      group: "3-D Secure",
      cards: [
        ["4000002500003155", "3DS required on-session and on setup (3155)"],
        ["4000002760003184", "3DS required on every payment (3184)"],
        ["4000000000003220", "3DS2 challenge required (3220)"],
        ["4000000000003063", "3DS required (3063)"],
        ["4000008260003178", "3DS required, then insufficient_funds (3178)"],
        ["4000000000003055", "3DS supported, not required (3055)"],
        ["4000003800000446", "Already set up for off-session use (0446)"],
      ],
    },
    {
      group: "Fraud (Radar)",
      cards: [
        ["4100000000000019", "Always blocked — fraudulent"],
        ["4000000000004954", "Highest risk level"],
        ["4000000000009235", "Elevated risk — opens a review"],
        ["4000000000000101", "CVC check fails"],
      ],
    },
    {
      group: "Disputes and refunds",
      cards: [
        ["4000000000000259", "Succeeds, then disputed — fraudulent (0259)"],
        ["4000000000002685", "Succeeds, then disputed — product_not_received"],
        ["4000000000001976", "Succeeds, then an inquiry"],
        ["4000000404000038", "Succeeds, then a Visa CE 3.0 eligible dispute"],
        ["4000000000005126", "Succeeds, refunds fail"],
      ],
    },
  ];

  // ---------------------------------------------------------------------------
  // Card validation (what Stripe.js validates client-side)
  // ---------------------------------------------------------------------------
  function digitsOnly(s) {
    return String(s || "").replace(/\D+/g, "");
  }
  function cardBrand(num) {
    if (/^4/.test(num)) return { brand: "visa", name: "Visa", lengths: [16], gaps: [4, 8, 12], cvc: 3 };
    if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(num))
      return { brand: "mastercard", name: "Mastercard", lengths: [16], gaps: [4, 8, 12], cvc: 3 };
    if (/^3[47]/.test(num)) return { brand: "amex", name: "American Express", lengths: [15], gaps: [4, 10], cvc: 4 };
    if (/^(6011|65|64[4-9])/.test(num))
      return { brand: "discover", name: "Discover", lengths: [16], gaps: [4, 8, 12], cvc: 3 };
    if (/^3(0[0-5]|[689])/.test(num))
      return { brand: "diners", name: "Diners Club", lengths: [14, 16], gaps: [4, 8, 12], cvc: 3 };
    if (/^35/.test(num)) return { brand: "jcb", name: "JCB", lengths: [16], gaps: [4, 8, 12], cvc: 3 };
    if (/^62/.test(num))
      return { brand: "unionpay", name: "UnionPay", lengths: [16, 17, 18, 19], gaps: [4, 8, 12], cvc: 3 };
    return { brand: "unknown", name: "", lengths: [16], gaps: [4, 8, 12], cvc: 3, maxLength: 19 };
  }
  function luhn(num) {
    var sum = 0;
    var dbl = false;
    for (var i = num.length - 1; i >= 0; i--) {
      var d = num.charCodeAt(i) - 48;
      if (dbl) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
      dbl = !dbl;
    }
    return num.length > 0 && sum % 10 === 0;
  }
  function formatCardNumber(num) {
    var b = cardBrand(num);
    var out = "";
    for (var i = 0; i < num.length; i++) {
      if (b.gaps.indexOf(i) !== -1 || (i >= 16 && i === 16)) out += " ";
      out += num[i];
    }
    return out;
  }
  function maxDigits(num) {
    var b = cardBrand(num);
    return b.maxLength || Math.max.apply(null, b.lengths);
  }

  var MESSAGES = {
    incomplete_number: "Your card number is incomplete.",
    incorrect_number: "Your card number is invalid.",
    incomplete_expiry: "Your card's expiration date is incomplete.",
    invalid_expiry_month: "Your card's expiration month is invalid.",
    invalid_expiry_year: "Your card's expiration year is invalid.",
    invalid_expiry_year_past: "Your card's expiration year is in the past.",
    invalid_expiry_month_past: "Your card's expiration date is in the past.",
    incomplete_cvc: "Your card's security code is incomplete.",
  };

  function validateNumber(num) {
    if (!num) return "incomplete_number";
    var b = cardBrand(num);
    var max = maxDigits(num);
    if (b.lengths.indexOf(num.length) === -1) {
      return num.length < max ? "incomplete_number" : "incorrect_number";
    }
    return luhn(num) ? null : "incorrect_number";
  }
  function parseExpiry(value) {
    var d = digitsOnly(value);
    return { month: d.slice(0, 2), year: d.slice(2, 4), digits: d };
  }
  function validateExpiry(value) {
    var e = parseExpiry(value);
    if (e.digits.length < 4) return "incomplete_expiry";
    var m = parseInt(e.month, 10);
    var y = 2000 + parseInt(e.year, 10);
    if (!(m >= 1 && m <= 12)) return "invalid_expiry_month";
    var now = new Date();
    var cy = now.getFullYear();
    var cm = now.getMonth() + 1;
    if (y < cy) return "invalid_expiry_year_past";
    if (y === cy && m < cm) return "invalid_expiry_month_past";
    if (y > cy + 50) return "invalid_expiry_year";
    return null;
  }
  function validateCvc(value, num) {
    var d = digitsOnly(value);
    var need = cardBrand(num).cvc;
    if (d.length < need) return "incomplete_cvc";
    return null;
  }

  // ---------------------------------------------------------------------------
  // Styles (inside the element's shadow root, so app CSS and ours never mix)
  // ---------------------------------------------------------------------------
  var elementIdSeq = 0;
  var elementInternals = new WeakMap();

  function themeVars(appearance) {
    var a = isObject(appearance) ? appearance : {};
    var v = isObject(a.variables) ? a.variables : {};
    var night = a.theme === "night";
    var flat = a.theme === "flat";
    return {
      primary: v.colorPrimary || (night ? "#85a2ff" : "#0570de"),
      background: v.colorBackground || (night ? "#30313d" : "#ffffff"),
      text: v.colorText || (night ? "#ffffff" : "#30313d"),
      secondary: v.colorTextSecondary || (night ? "#a3a3ab" : "#6d6e78"),
      placeholder: v.colorTextPlaceholder || (night ? "#87878f" : "#87898f"),
      danger: v.colorDanger || (night ? "#fe87a1" : "#df1b41"),
      font:
        v.fontFamily ||
        '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Ubuntu, sans-serif',
      fontSize: v.fontSizeBase || "16px",
      radius: v.borderRadius || (flat ? "6px" : "5px"),
      spacing: v.spacingUnit || "4px",
      border: flat ? "transparent" : night ? "#424353" : "#e6e6e6",
      inputBg: flat ? (night ? "#26272e" : "#f3f4f6") : v.colorBackground || (night ? "#30313d" : "#ffffff"),
    };
  }

  function css(t) {
    return (
      ":host{display:block;all:initial;display:block}" +
      ".pe{font-family:" + t.font + ";font-size:" + t.fontSize + ";color:" + t.text + ";line-height:1.4;box-sizing:border-box;}" +
      ".pe *{box-sizing:border-box;font-family:inherit}" +
      ".tab{display:inline-flex;align-items:center;gap:6px;padding:6px 10px;margin-bottom:calc(" + t.spacing + " * 3);border:2px solid " + t.primary + ";border-radius:" + t.radius + ";color:" + t.primary + ";font-weight:600;font-size:0.875em;background:" + t.background + "}" +
      ".badge{margin-left:8px;font-size:0.7em;font-weight:600;color:" + t.secondary + ";text-transform:uppercase;letter-spacing:.04em}" +
      ".row{display:grid;grid-template-columns:1fr 1fr;gap:calc(" + t.spacing + " * 3)}" +
      ".field{margin-bottom:calc(" + t.spacing + " * 3);min-width:0}" +
      "label{display:block;margin-bottom:calc(" + t.spacing + " * 1);font-size:0.875em;color:" + t.text + "}" +
      "input,select{display:block;width:100%;padding:10px 12px;font-size:1em;color:" + t.text + ";background:" + t.inputBg + ";border:1px solid " + t.border + ";border-radius:" + t.radius + ";box-shadow:0 1px 1px rgba(0,0,0,.03),0 3px 6px rgba(0,0,0,.02);outline:none;transition:border-color .15s,box-shadow .15s}" +
      "input::placeholder{color:" + t.placeholder + "}" +
      "input:focus,select:focus{border-color:" + t.primary + ";box-shadow:0 0 0 3px color-mix(in srgb," + t.primary + " 25%,transparent)}" +
      "input[aria-invalid=true]{border-color:" + t.danger + ";color:" + t.danger + "}" +
      "input[aria-invalid=true]:focus{box-shadow:0 0 0 3px color-mix(in srgb," + t.danger + " 25%,transparent)}" +
      "input[readonly],select:disabled{opacity:.7}" +
      ".err{min-height:0;margin-top:4px;font-size:0.8em;color:" + t.danger + "}" +
      ".err:empty{display:none}" +
      ".brand{float:right;font-size:0.75em;color:" + t.secondary + "}" +
      ".note{margin:0;font-size:0.75em;color:" + t.secondary + "}" +
      "@media (max-width:360px){.row{grid-template-columns:1fr}}"
    );
  }

  // ---------------------------------------------------------------------------
  // The Payment Element
  // ---------------------------------------------------------------------------
  function createPaymentElement(group, options) {
    var uid = "stripe-standin-" + ++elementIdSeq;
    var opts = assign({}, options);
    var handlers = {};
    var host = null; // our host node inside the merchant's container
    var container = null;
    var root = null; // shadow root
    var styleNode = null;
    var refs = null;
    var destroyed = false;
    var readyFired = false;
    var readyPending = false;
    var lastState = null;
    var touched = { number: false, expiry: false, cvc: false };
    var serverErrors = { number: null, expiry: null, cvc: null };
    var busy = false;
    var values = { number: "", expiry: "", cvc: "" };

    function emit(event, payload) {
      var list = (handlers[event] || []).slice();
      for (var i = 0; i < list.length; i++) {
        try {
          list[i].call(undefined, payload);
        } catch (e) {
          setTimeout(function () {
            throw e;
          }, 0);
        }
      }
    }

    function state() {
      var num = digitsOnly(values.number);
      var errs = {
        number: validateNumber(num),
        expiry: validateExpiry(values.expiry),
        cvc: validateCvc(values.cvc, num),
      };
      var empty = !num && !digitsOnly(values.expiry) && !digitsOnly(values.cvc);
      return {
        num: num,
        errors: errs,
        empty: empty,
        complete: !errs.number && !errs.expiry && !errs.cvc,
      };
    }

    function changePayload(s) {
      return { elementType: "payment", empty: s.empty, complete: s.complete, collapsed: false, value: { type: "card" } };
    }

    function emitChange() {
      var s = state();
      lastState = s;
      emit("change", changePayload(s));
    }

    function showErrors(force) {
      if (!refs) return;
      var s = state();
      var fields = ["number", "expiry", "cvc"];
      for (var i = 0; i < fields.length; i++) {
        var f = fields[i];
        var code = serverErrors[f] ? serverErrors[f].code : null;
        var message = serverErrors[f] ? serverErrors[f].message : null;
        if (!code && (force || touched[f])) {
          code = s.errors[f];
          message = code ? MESSAGES[code] : null;
        }
        // While typing, an incomplete value is not an error yet.
        if (!force && !serverErrors[f] && refs[f] === root.activeElement && /^incomplete_/.test(code || "")) {
          code = null;
          message = null;
        }
        refs[f].setAttribute("aria-invalid", code ? "true" : "false");
        refs[f + "Err"].textContent = message || "";
      }
      refs.brand.textContent = cardBrand(s.num).name;
      refs.cvc.maxLength = cardBrand(s.num).cvc;
      refs.cvc.placeholder = cardBrand(s.num).cvc === 4 ? "CVC (4 digits)" : "CVC";
    }

    function firstError() {
      var s = state();
      var order = ["number", "expiry", "cvc"];
      for (var i = 0; i < order.length; i++) {
        var code = s.errors[order[i]];
        if (code) return { field: order[i], code: code };
      }
      return null;
    }

    // Validate for submit()/confirm: returns a validation_error or null.
    function validate() {
      touched.number = touched.expiry = touched.cvc = true;
      var fe = firstError();
      showErrors(true);
      if (!fe) return null;
      if (refs && refs[fe.field]) {
        try {
          refs[fe.field].focus();
        } catch (e) {
          /* ignore */
        }
      }
      return { type: "validation_error", code: fe.code, message: MESSAGES[fe.code] };
    }

    function cardParams() {
      var e = parseExpiry(values.expiry);
      return {
        number: digitsOnly(values.number),
        exp_month: parseInt(e.month, 10),
        exp_year: 2000 + parseInt(e.year, 10),
        cvc: digitsOnly(values.cvc),
      };
    }

    function setBusy(on) {
      busy = !!on;
      applyReadOnly();
    }
    function applyReadOnly() {
      if (!refs) return;
      var ro = busy || !!opts.readOnly;
      refs.number.readOnly = ro;
      refs.expiry.readOnly = ro;
      refs.cvc.readOnly = ro;
      refs.picker.disabled = ro;
    }

    function setServerError(err) {
      serverErrors = { number: null, expiry: null, cvc: null };
      if (err && err.code) {
        var field = null;
        if (/number/.test(err.code) || /\[number\]/.test(err.param || "")) field = "number";
        else if (/expiry|exp_/.test(err.code) || /exp_(month|year)/.test(err.param || "")) field = "expiry";
        else if (err.code === "invalid_cvc" || /\[cvc\]/.test(err.param || "")) field = "cvc";
        if (field) serverErrors[field] = { code: err.code, message: err.message || MESSAGES[err.code] || "" };
      }
      showErrors(false);
    }

    function render() {
      var t = themeVars(group.options.appearance);
      var id = function (s) {
        return uid + "-" + s;
      };
      var opt = '<option value="">Choose a test card…</option>';
      for (var g = 0; g < TEST_CARDS.length; g++) {
        opt += '<optgroup label="' + TEST_CARDS[g].group + '">';
        for (var c = 0; c < TEST_CARDS[g].cards.length; c++) {
          var card = TEST_CARDS[g].cards[c];
          opt += '<option value="' + card[0] + '">' + escapeHtml(card[1] + " · " + formatCardNumber(card[0])) + "</option>";
        }
        opt += "</optgroup>";
      }
      root.innerHTML =
        "<style>" + css(t) + "</style>" +
        '<div class="pe" data-testid="stripe-standin-payment-element" data-element-type="payment">' +
        '<div class="tab" aria-hidden="true">Card<span class="badge">Test mode</span></div>' +
        '<div class="field"><label for="' + id("picker") + '">Test card</label>' +
        '<select id="' + id("picker") + '" name="testcard" aria-describedby="' + id("note") + '">' + opt + "</select></div>" +
        '<div class="field"><label for="' + id("number") + '">Card number<span class="brand" aria-live="polite"></span></label>' +
        '<input id="' + id("number") + '" name="cardnumber" type="text" inputmode="numeric" autocomplete="cc-number" autocorrect="off" spellcheck="false" placeholder="1234 1234 1234 1234" aria-describedby="' + id("number-err") + '" aria-invalid="false">' +
        '<div class="err" id="' + id("number-err") + '" role="alert"></div></div>' +
        '<div class="row"><div class="field"><label for="' + id("expiry") + '">Expiration date</label>' +
        '<input id="' + id("expiry") + '" name="exp-date" type="text" inputmode="numeric" autocomplete="cc-exp" autocorrect="off" spellcheck="false" placeholder="MM / YY" aria-describedby="' + id("expiry-err") + '" aria-invalid="false">' +
        '<div class="err" id="' + id("expiry-err") + '" role="alert"></div></div>' +
        '<div class="field"><label for="' + id("cvc") + '">Security code</label>' +
        '<input id="' + id("cvc") + '" name="cvc" type="text" inputmode="numeric" autocomplete="cc-csc" autocorrect="off" spellcheck="false" placeholder="CVC" maxlength="3" aria-describedby="' + id("cvc-err") + '" aria-invalid="false">' +
        '<div class="err" id="' + id("cvc-err") + '" role="alert"></div></div></div>' +
        '<p class="note" id="' + id("note") + '">Local Stripe emulator — use a test card. Card details are sent only to ' + escapeHtml(API_BASE) + ".</p>" +
        "</div>";
      styleNode = root.querySelector("style");
      refs = {
        picker: root.getElementById(id("picker")),
        number: root.getElementById(id("number")),
        expiry: root.getElementById(id("expiry")),
        cvc: root.getElementById(id("cvc")),
        numberErr: root.getElementById(id("number-err")),
        expiryErr: root.getElementById(id("expiry-err")),
        cvcErr: root.getElementById(id("cvc-err")),
        brand: root.querySelector(".brand"),
      };
      refs.number.value = values.number;
      refs.expiry.value = values.expiry;
      refs.cvc.value = values.cvc;
      wire();
      applyReadOnly();
      showErrors(false);
    }

    function restyle() {
      if (styleNode) styleNode.textContent = css(themeVars(group.options.appearance));
    }

    function onFieldInput(field, ev) {
      var el = refs[field];
      if (field === "number") {
        var d = digitsOnly(el.value).slice(0, 19);
        d = d.slice(0, maxDigits(d));
        el.value = formatCardNumber(d);
        values.number = el.value;
        if (d.length === maxDigits(d) && !validateNumber(d)) refs.expiry.focus();
      } else if (field === "expiry") {
        var x = digitsOnly(el.value).slice(0, 4);
        if (x.length === 1 && x > "1") x = "0" + x;
        var inserting = !ev || !ev.inputType || /^insert/.test(ev.inputType);
        if (x.length > 2 || (x.length === 2 && inserting)) el.value = x.slice(0, 2) + " / " + x.slice(2);
        else el.value = x;
        values.expiry = el.value;
        if (x.length === 4 && !validateExpiry(el.value)) refs.cvc.focus();
      } else {
        var c = digitsOnly(el.value).slice(0, cardBrand(digitsOnly(values.number)).cvc);
        el.value = c;
        values.cvc = c;
      }
      serverErrors[field] = null;
      refs.picker.value = "";
      var s = state();
      // Show a number error as soon as a full-length number fails Luhn.
      if (field === "number" && s.errors.number === "incorrect_number") touched.number = true;
      showErrors(false);
      emitChange();
    }

    function fillTestCard(number) {
      if (!number) return;
      var b = cardBrand(number);
      var y = (new Date().getFullYear() + 4) % 100;
      values.number = formatCardNumber(number);
      values.expiry = "12 / " + (y < 10 ? "0" + y : String(y));
      values.cvc = b.cvc === 4 ? "1234" : "123";
      refs.number.value = values.number;
      refs.expiry.value = values.expiry;
      refs.cvc.value = values.cvc;
      serverErrors = { number: null, expiry: null, cvc: null };
      touched.number = touched.expiry = touched.cvc = true;
      showErrors(false);
      emitChange();
    }

    function wire() {
      ["number", "expiry", "cvc"].forEach(function (f) {
        refs[f].addEventListener("input", function (ev) {
          onFieldInput(f, ev);
        });
        refs[f].addEventListener("blur", function () {
          if (values[f]) touched[f] = true;
          // Shown a moment later, so the layout does not shift under the click that
          // caused the blur (e.g. on the merchant's Pay button).
          setTimeout(function () {
            showErrors(false);
          }, 250);
        });
      });
      refs.cvc.addEventListener("keydown", function (ev) {
        if (ev.key === "Backspace" && !refs.cvc.value) refs.expiry.focus();
      });
      refs.expiry.addEventListener("keydown", function (ev) {
        if (ev.key === "Backspace" && !refs.expiry.value) refs.number.focus();
      });
      refs.picker.addEventListener("change", function () {
        fillTestCard(refs.picker.value);
      });
      var pe = root.querySelector(".pe");
      pe.addEventListener("focusin", function (ev) {
        if (!ev.relatedTarget || !pe.contains(ev.relatedTarget)) emit("focus", { elementType: "payment" });
      });
      pe.addEventListener("focusout", function (ev) {
        if (!ev.relatedTarget || !pe.contains(ev.relatedTarget)) emit("blur", { elementType: "payment" });
      });
      pe.addEventListener("keydown", function (ev) {
        if (ev.key === "Escape") emit("escape", { elementType: "payment" });
      });
    }

    function fireReady() {
      readyFired = true;
      readyPending = false;
      emit("ready", { elementType: "payment" });
    }

    var element = {
      mount: function (target) {
        log("element.mount");
        if (destroyed) throw IntegrationError("This Element has already been destroyed. Please create a new one.");
        if (container) throw IntegrationError("This Element is already mounted. Use `unmount()` to unmount the Element before re-mounting.");
        var node = typeof target === "string" ? document.querySelector(target) : target;
        if (!node || typeof node.appendChild !== "function") {
          throw IntegrationError(
            "The selector you specified (" + String(target) + ") applies to no DOM elements that are currently on the page.\nMake sure the element exists on the page before calling mount()."
          );
        }
        container = node;
        host = document.createElement("div");
        host.className = "StripeElement StripeElement--standin";
        host.setAttribute("data-stripe-standin", "payment");
        root = host.attachShadow ? host.attachShadow({ mode: "open" }) : host;
        if (!root.getElementById) root.getElementById = function (i) { return host.querySelector("#" + i); };
        container.appendChild(host);
        render();
        if (!readyFired && !readyPending) {
          readyPending = true;
          // Asynchronous like Stripe.js, so listeners attached right after mount()
          // (React attaches them in an effect) still hear it.
          setTimeout(function () {
            if (!destroyed) emit("loaderstart", { elementType: "payment" });
          }, 0);
          group._load().then(
            function () {
              setTimeout(function () {
                if (!destroyed) fireReady();
              }, 0);
            },
            function (error) {
              setTimeout(function () {
                readyPending = false;
                if (!destroyed) emit("loaderror", { elementType: "payment", error: error });
              }, 0);
            }
          );
        } else if (readyFired) {
          setTimeout(function () {
            if (container && !destroyed) emit("ready", { elementType: "payment" });
          }, 0);
        }
        return element;
      },
      unmount: function () {
        log("element.unmount");
        if (host && host.parentNode) host.parentNode.removeChild(host);
        host = null;
        container = null;
        root = null;
        refs = null;
        styleNode = null;
        return element;
      },
      destroy: function () {
        log("element.destroy");
        if (destroyed) return;
        element.unmount();
        destroyed = true;
        handlers = {};
        group._removeElement(element);
      },
      on: function (event, handler) {
        log("element.on", event);
        if (typeof handler !== "function") throw IntegrationError("The handler for " + event + " must be a function.");
        (handlers[event] = handlers[event] || []).push(handler);
        // A ready handler attached after the element became ready still hears about it
        // (React attaches listeners in an effect that runs after mount()).
        if (event === "ready" && readyFired && container) {
          setTimeout(function () {
            if ((handlers.ready || []).indexOf(handler) !== -1) handler({ elementType: "payment" });
          }, 0);
        }
        return element;
      },
      once: function (event, handler) {
        function wrapper(payload) {
          element.off(event, wrapper);
          handler(payload);
        }
        return element.on(event, wrapper);
      },
      off: function (event, handler) {
        log("element.off", event);
        if (!handler) delete handlers[event];
        else
          handlers[event] = (handlers[event] || []).filter(function (h) {
            return h !== handler;
          });
        return element;
      },
      update: function (updates) {
        log("element.update");
        assign(opts, updates);
        applyReadOnly();
        return element;
      },
      focus: function () {
        if (refs) refs.number.focus();
        return element;
      },
      blur: function () {
        if (root && root.activeElement && root.activeElement.blur) root.activeElement.blur();
        return element;
      },
      clear: function () {
        values = { number: "", expiry: "", cvc: "" };
        touched = { number: false, expiry: false, cvc: false };
        serverErrors = { number: null, expiry: null, cvc: null };
        if (refs) {
          refs.number.value = refs.expiry.value = refs.cvc.value = "";
          refs.picker.value = "";
          showErrors(false);
        }
        emitChange();
        return element;
      },
      collapse: function () {
        return element;
      },
    };

    var internal = {
      element: element,
      group: group,
      validate: validate,
      cardParams: cardParams,
      setBusy: setBusy,
      setServerError: setServerError,
      restyle: restyle,
      isMounted: function () {
        return !!container && !destroyed;
      },
      defaultBillingDetails: function () {
        var dv = isObject(opts.defaultValues) ? opts.defaultValues : {};
        return isObject(dv.billingDetails) ? dv.billingDetails : null;
      },
    };
    elementInternals.set(element, internal);
    return internal;
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  // ---------------------------------------------------------------------------
  // 3-D Secure challenge (in-page modal)
  // ---------------------------------------------------------------------------
  function showThreeDSChallenge(intent) {
    return new Promise(function (resolve) {
      var previousFocus = document.activeElement;
      var overlay = document.createElement("div");
      overlay.setAttribute("data-stripe-standin", "3ds");
      var shadow = overlay.attachShadow ? overlay.attachShadow({ mode: "open" }) : overlay;
      var brand = "";
      var pm = intent && intent.payment_method;
      if (isObject(pm) && pm.card) brand = (pm.card.brand || "") + " •••• " + (pm.card.last4 || "");
      shadow.innerHTML =
        "<style>" +
        ".ov{position:fixed;inset:0;z-index:2147483647;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,sans-serif}" +
        ".dlg{background:#fff;color:#30313d;max-width:420px;width:calc(100% - 32px);border-radius:8px;padding:24px;box-shadow:0 10px 40px rgba(0,0,0,.3)}" +
        "h2{margin:0 0 8px;font-size:18px}p{margin:0 0 16px;font-size:14px;line-height:1.5;color:#545969}" +
        ".btns{display:flex;gap:12px;flex-wrap:wrap}" +
        "button{flex:1;min-width:140px;padding:10px 14px;font-size:14px;font-weight:600;border-radius:6px;cursor:pointer;border:1px solid transparent}" +
        "button:focus-visible{outline:3px solid #85a2ff;outline-offset:2px}" +
        ".ok{background:#0570de;color:#fff}.fail{background:#fff;color:#df1b41;border-color:#df1b41}" +
        "button:disabled{opacity:.6;cursor:default}" +
        "</style>" +
        '<div class="ov"><div class="dlg" role="dialog" aria-modal="true" aria-labelledby="t3ds" aria-describedby="d3ds">' +
        '<h2 id="t3ds">3D Secure 2 Test Page</h2>' +
        '<p id="d3ds">This is a test authentication from the local Stripe emulator' +
        (brand ? " for " + escapeHtml(brand) : "") +
        ". Choose an outcome. No real bank is involved.</p>" +
        '<div class="btns"><button type="button" class="ok">Complete authentication</button>' +
        '<button type="button" class="fail">Fail authentication</button></div></div></div>';
      document.body.appendChild(overlay);
      var ok = shadow.querySelector(".ok");
      var fail = shadow.querySelector(".fail");
      var done = false;
      function finish(outcome) {
        if (done) return;
        done = true;
        ok.disabled = fail.disabled = true;
        document.removeEventListener("keydown", onKey, true);
        if (overlay.parentNode) overlay.parentNode.removeChild(overlay);
        try {
          if (previousFocus && previousFocus.focus) previousFocus.focus();
        } catch (e) {
          /* ignore */
        }
        resolve(outcome);
      }
      function onKey(ev) {
        if (ev.key === "Escape") {
          ev.preventDefault();
          finish("fail");
        } else if (ev.key === "Tab") {
          // Keep focus inside the dialog.
          var active = shadow.activeElement;
          ev.preventDefault();
          (active === ok ? fail : ok).focus();
        }
      }
      ok.addEventListener("click", function () {
        finish("succeed");
      });
      fail.addEventListener("click", function () {
        finish("fail");
      });
      document.addEventListener("keydown", onKey, true);
      setTimeout(function () {
        ok.focus();
      }, 0);
    });
  }

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

    // --- Elements group ----------------------------------------------------
    function createElementsGroup(options) {
      var o = isObject(options) ? assign({}, options) : {};
      if (o.clientSecret !== undefined && o.mode !== undefined) {
        throw IntegrationError("elements(): Either `mode` or `clientSecret` can be specified, but not both.");
      }
      if (o.mode !== undefined) {
        if (["payment", "setup", "subscription"].indexOf(o.mode) === -1) {
          throw IntegrationError("Invalid value for elements(): mode should be one of the following strings: payment, setup, subscription. You specified: " + o.mode + ".");
        }
        if (o.mode !== "setup") {
          if (typeof o.amount !== "number" || !(o.amount >= 0) || Math.floor(o.amount) !== o.amount) {
            throw IntegrationError("Invalid value for elements(): amount should be a non-negative integer when mode is " + o.mode + ". You specified: " + o.amount + ".");
          }
          if (typeof o.currency !== "string" || !o.currency) {
            throw IntegrationError("elements(): currency is required when mode is " + o.mode + ".");
          }
        }
      }
      var clientSecret = null;
      if (o.clientSecret !== undefined && o.clientSecret !== null) {
        clientSecret = parseClientSecret(o.clientSecret);
        if (!clientSecret) throw clientSecretError("elements()", o.clientSecret);
      }
      var groupHandlers = {};
      var paymentElement = null;
      var loadPromise = null;
      var state = {
        options: o,
        clientSecret: clientSecret,
        submitted: false,
        intent: null,
        _load: function () {
          if (!loadPromise) {
            loadPromise = !clientSecret
              ? new Promise(function (r) {
                  setTimeout(r, 0);
                })
              : retrieveIntent(clientSecret).then(function (res) {
                  if (res.error) {
                    loadPromise = null;
                    throw res.error;
                  }
                  state.intent = res.data;
                });
          }
          return loadPromise;
        },
        _removeElement: function (el) {
          if (paymentElement && paymentElement.element === el) paymentElement = null;
        },
        paymentElement: function () {
          return paymentElement;
        },
      };
      var api = {
        create: function (type, elOptions) {
          log("elements.create", type);
          if (type !== "payment") {
            throw IntegrationError(
              "elements.create('" + type + "'): the local Stripe.js stand-in only supports the Payment Element ('payment')."
            );
          }
          if (paymentElement) throw IntegrationError("Can only create one Element of type payment.");
          paymentElement = createPaymentElement(state, elOptions);
          return paymentElement.element;
        },
        getElement: function (type) {
          return type === "payment" && paymentElement ? paymentElement.element : null;
        },
        update: function (updates) {
          log("elements.update");
          if (isObject(updates)) {
            if (updates.clientSecret !== undefined) {
              return reject("elements.update(): clientSecret is not a mutable property.");
            }
            assign(o, updates);
            if (paymentElement) paymentElement.restyle();
          }
          return new Promise(function (resolve) {
            setTimeout(function () {
              var list = (groupHandlers["update-end"] || []).slice();
              for (var i = 0; i < list.length; i++) list[i]();
              resolve();
            }, 0);
          });
        },
        on: function (event, handler) {
          (groupHandlers[event] = groupHandlers[event] || []).push(handler);
        },
        off: function (event, handler) {
          groupHandlers[event] = (groupHandlers[event] || []).filter(function (h) {
            return h !== handler;
          });
        },
        fetchUpdates: function () {
          log("elements.fetchUpdates");
          if (!clientSecret) return Promise.resolve({});
          return retrieveIntent(clientSecret).then(function (res) {
            if (res.error) return { error: { message: res.error.message || "Failed to fetch updates.", status: res.error.type } };
            state.intent = res.data;
            return {};
          });
        },
        submit: function () {
          log("elements.submit");
          if (!paymentElement || !paymentElement.isMounted()) {
            return reject("elements.submit(): there is no mounted Payment Element in this Elements group.");
          }
          var err = paymentElement.validate();
          if (err) {
            state.submitted = false;
            return Promise.resolve({ error: err });
          }
          state.submitted = true;
          return Promise.resolve({ selectedPaymentMethod: "card" });
        },
      };
      state.api = api;
      elementsState.set(api, state);
      return api;
    }

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
