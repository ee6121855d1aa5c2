  // Stripe.js stand-in, a consecutive piece of one script (order: ../stripejs-script.ts). 
  // The Payment Element (continued): rendering, input handling and the test-card picker.
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

