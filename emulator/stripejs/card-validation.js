  // Stripe.js stand-in, a consecutive piece of one script (order: ../stripejs-script.ts). 
  // Card number, expiry and CVC: brand, Luhn, formatting and validation codes.
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

