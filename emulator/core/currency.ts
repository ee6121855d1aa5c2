// Currency codes Stripe accepts (docs.stripe.com/currencies, presentment currencies). A `currency`
// parameter anywhere in a request (`currency`, `price_data[currency]`, `items[0][price_data][currency]`…)
// naming anything else is answered as Stripe answers it: 400 "Invalid currency: zzz. Stripe currently
// supports these currencies: …" on that parameter.
import { validationError } from "./errors.ts";
import type { Params } from "./params.ts";

export const SUPPORTED_CURRENCIES: readonly string[] = (
  "usd aed afn all amd ang aoa ars aud awg azn bam bbd bdt bgn bhd bif bmd bnd bob brl bsd bwp byn bzd cad cdf chf clp cny " +
  "cop crc cve czk djf dkk dop dzd egp etb eur fjd fkp gbp gel gip gmd gnf gtq gyd hkd hnl htg huf idr ils inr isk jmd jod " +
  "jpy kes kgs khr kmf krw kwd kyd kzt lak lbp lkr lrd lsl mad mdl mga mkd mmk mnt mop mur mvr mwk mxn myr mzn nad ngn nio " +
  "nok npr nzd omr pab pen pgk php pkr pln pyg qar ron rsd rub rwf sar sbd scr sek sgd shp sle sos srd std szl thb tjs tnd " +
  "top try ttd twd tzs uah ugx uyu uzs vnd vuv wst xaf xcd xof xpf yer zar zmw"
).split(" ");
const SUPPORTED = new Set(SUPPORTED_CURRENCIES);

/** Throws Stripe's 400 for the first `currency` parameter (at any depth) that is not a supported code. */
export function checkCurrencies(params: Params, prefix = ""): void {
  for (const [key, value] of Object.entries(params)) {
    const name = prefix ? `${prefix}[${key}]` : key;
    if (key === "currency" && typeof value === "string") {
      if (!SUPPORTED.has(value.toLowerCase()))
        throw validationError(`Invalid currency: ${value}. Stripe currently supports these currencies: ${SUPPORTED_CURRENCIES.join(", ")}`, name, "parameter_invalid_string");
    } else if (key !== "metadata" && value && typeof value === "object") {
      checkCurrencies(value as Params, name);
    }
  }
}
