  // Stripe.js stand-in, a consecutive piece of one script (order: ../stripejs-script.ts). 
  // The in-page 3-D Secure challenge.
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

