  // Stripe.js stand-in, a consecutive piece of one script (order: ../stripejs-script.ts). 
  // The Payment Element (closes createPaymentElement): mount, unmount, on/off, update, clear.
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

