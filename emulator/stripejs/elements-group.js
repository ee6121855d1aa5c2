  // Stripe.js stand-in, a consecutive piece of one script (order: ../stripejs-script.ts). 
  // The Stripe object (continued): stripe.elements() groups.
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

