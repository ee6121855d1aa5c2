  // Stripe.js stand-in, a consecutive piece of one script (order: ../stripejs-script.ts). 
  // The Payment Element (opens createPaymentElement): its state, events, validation and errors.
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

