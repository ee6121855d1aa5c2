  // Stripe.js stand-in, a consecutive piece of one script (order: ../stripejs-script.ts). 
  // The Appearance API subset: theme variables and the element's CSS.
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

