  // Stripe.js stand-in, a consecutive piece of one script (order: ../stripejs-script.ts). 
  // The test cards offered in the Payment Element's picker.
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
        ["4000000000004954", "Highest risk — blocked (fraudulent)"],
        ["4000000000009235", "Elevated risk — succeeds, opens a Radar review"],
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

