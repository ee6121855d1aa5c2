// Customer tax ids (`/v1/customers/:id/tax_ids`): create, retrieve, list, delete, with
// `customer.tax_id.created` / `.updated` / `.deleted`. Common types are format-checked (Stripe's
// 400 `tax_id_invalid`). Verification as in Stripe test mode (docs.stripe.com/billing/customer/tax-ids):
// `eu_vat`, `gb_vat` and `au_abn` start `pending`; shortly after, a value containing 000000000 turns
// `verified`, 111111111 `unverified`, anything else (e.g. 222222222) stays `pending`. Other types are
// `unavailable` (Stripe does not verify them).
import type Stripe from "stripe";
import type { RequestContext, Route } from "../core/context.ts";
import { invalidRequest, noSuch } from "../core/errors.ts";
import { newId, nowSeconds } from "../core/ids.ts";
import { paginate } from "../core/list.ts";
import { listParams, oneOf, req, str } from "../core/params.ts";
import { load } from "./shared.ts";

export const TAX_ID_TYPES: readonly string[] = "ad_nrt ae_trn al_tin am_tin ao_tin ar_cuit au_abn au_acn au_arn au_wpn aw_tin az_tin ba_tin bb_tin bd_bin bf_ifu bg_uic bh_vat bj_ifu bo_tin br_cnpj br_cpf bs_tin bw_vat by_tin ca_bn ca_gst_hst ca_pst_bc ca_pst_mb ca_pst_sk ca_qst cd_nif ch_uid ch_vat ci_vat cl_tin cm_niu cn_tin co_nit cr_tin cv_nif cz_dic de_stn do_rcn ec_ruc eg_tin es_cif et_tin eu_oss_vat eu_vat fo_vat fr_siren fr_siret fr_spi gb_vat ge_vat gh_tin gi_tin gn_nif hk_br hr_oib hu_tin ic_nif id_npwp il_vat in_gst is_kt is_vat it_cf jp_cn jp_rn jp_trn ke_pin kg_tin kh_tin kr_brn kz_bin la_tin li_uid li_vat lk_vat ma_vat md_cf md_vat me_pib mk_vat mr_nif mu_vat mx_rfc my_frp my_itn my_sst mz_nuit ng_tin no_vat no_voec np_pan nz_bn nz_gst om_vat pe_ruc ph_tin pl_nip pt_nif py_ruc ro_tin rs_pib ru_inn ru_kpp sa_vat sg_gst sg_uen si_tin sm_coe sn_ninea sr_fin sv_nit th_vat tj_tin tr_tin tt_bir tt_vat tw_vat tz_vat ua_vat ug_tin us_ein uy_ruc uz_tin uz_vat ve_rif vn_tin za_vat zm_tin zw_tin".split(" ");

const EU_PREFIXES = "AT BE BG CY CZ DE DK EE EL ES FI FR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK XI".split(" ");

/** Format checks of a few common types: the normalised value and its country, or null when invalid. */
const FORMATS: Record<string, (v: string) => { value: string; country: string } | null> = {
  eu_vat: (v) => {
    const s = v.replace(/[\s.-]/g, "").toUpperCase();
    const prefix = s.slice(0, 2);
    if (!EU_PREFIXES.includes(prefix) || !/^[0-9A-Z]{2,13}$/.test(s.slice(2)) || !/\d/.test(s.slice(2))) return null;
    return { value: s, country: prefix === "EL" ? "GR" : prefix === "XI" ? "GB" : prefix };
  },
  gb_vat: (v) => {
    const s = v.replace(/[\s.-]/g, "").toUpperCase();
    const m = /^(GB)?(\d{9}|\d{12})$/.exec(s);
    return m ? { value: `GB${m[2]}`, country: "GB" } : null;
  },
  us_ein: (v) => (/^\d{2}-?\d{7}$/.test(v.trim()) ? { value: v.trim(), country: "US" } : null),
  au_abn: (v) => {
    const s = v.replace(/\s/g, "");
    return /^\d{11}$/.test(s) ? { value: s, country: "AU" } : null;
  },
  ca_bn: (v) => (/^\d{9}$/.test(v.trim()) ? { value: v.trim(), country: "CA" } : null),
  ch_vat: (v) => (/^CHE-?\d{3}\.?\d{3}\.?\d{3} ?(MWST|TVA|IVA)$/i.test(v.trim()) ? { value: v.trim(), country: "CH" } : null),
  no_vat: (v) => (/^\d{9}MVA$/i.test(v.trim()) ? { value: v.trim().toUpperCase(), country: "NO" } : null),
  in_gst: (v) => (/^\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/i.test(v.trim()) ? { value: v.trim().toUpperCase(), country: "IN" } : null),
};

const VERIFIED_TYPES = new Set(["eu_vat", "gb_vat", "au_abn"]);

function countryOf(type: string): string | null {
  if (type === "eu_oss_vat") return null;
  const prefix = type.split("_")[0];
  return prefix.length === 2 ? prefix.toUpperCase() : null;
}

function customerTaxId(ctx: RequestContext, customerId: string, id: string): Stripe.TaxId {
  const taxId = ctx.emu.store.get<Stripe.TaxId>("tax_ids", id);
  if (!taxId || taxId.customer !== customerId) throw noSuch("tax_id", id);
  return taxId;
}

/** Stripe's test-mode verification outcome, some milliseconds after creation. */
function verifyLater(ctx: RequestContext, id: string): void {
  ctx.emu.later(() => {
    const taxId = ctx.emu.store.get<Stripe.TaxId>("tax_ids", id);
    if (!taxId?.verification || taxId.verification.status !== "pending") return;
    const status = taxId.value.includes("000000000") ? "verified" : taxId.value.includes("111111111") ? "unverified" : null;
    if (!status) return;
    const previous = { verification: { ...taxId.verification } };
    taxId.verification = status === "verified" ? { status, verified_address: "123 TEST STREET", verified_name: "TEST" } : { status, verified_address: null, verified_name: null };
    ctx.emu.store.put("tax_ids", taxId);
    ctx.emu.emit("customer.tax_id.updated", taxId, null, previous);
  });
}

export const taxIdRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/customers/:id/tax_ids",
    schema: { type: req(oneOf(...TAX_ID_TYPES)), value: req(str()) },
    handler(ctx) {
      const customer = load<Stripe.Customer>(ctx, "customers", ctx.path.id, "customer");
      const { type, value } = ctx.params as { type: Stripe.TaxId.Type; value: string };
      const check = FORMATS[type];
      const parsed = check ? check(value) : { value: value.trim(), country: countryOf(type) };
      if (!parsed || !parsed.value) throw invalidRequest(`Invalid value for ${type}.`, { param: "value", code: "tax_id_invalid" });
      const taxId: Stripe.TaxId = {
        id: newId("txi"),
        object: "tax_id",
        country: parsed.country,
        created: nowSeconds(),
        customer: customer.id,
        customer_account: null,
        livemode: false,
        owner: { customer: customer.id, customer_account: null, type: "customer" },
        type,
        value: parsed.value,
        verification: { status: VERIFIED_TYPES.has(type) ? "pending" : "unavailable", verified_address: null, verified_name: null },
      };
      ctx.emu.store.put("tax_ids", taxId);
      ctx.emu.emit("customer.tax_id.created", taxId, ctx);
      if (VERIFIED_TYPES.has(type)) verifyLater(ctx, taxId.id);
      return taxId;
    },
  },
  {
    method: "GET",
    path: "/v1/customers/:id/tax_ids",
    schema: { ...listParams },
    handler(ctx) {
      const customer = load<Stripe.Customer>(ctx, "customers", ctx.path.id, "customer");
      const items = ctx.emu.store.all<Stripe.TaxId>("tax_ids").filter((t) => t.customer === customer.id);
      return paginate(items, ctx.params, `/v1/customers/${customer.id}/tax_ids`);
    },
  },
  {
    method: "GET",
    path: "/v1/customers/:id/tax_ids/:tax_id",
    schema: {},
    handler(ctx) {
      load<Stripe.Customer>(ctx, "customers", ctx.path.id, "customer");
      return customerTaxId(ctx, ctx.path.id, ctx.path.tax_id);
    },
  },
  {
    method: "DELETE",
    path: "/v1/customers/:id/tax_ids/:tax_id",
    schema: {},
    handler(ctx) {
      load<Stripe.Customer>(ctx, "customers", ctx.path.id, "customer");
      const taxId = customerTaxId(ctx, ctx.path.id, ctx.path.tax_id);
      ctx.emu.store.remove("tax_ids", taxId.id);
      ctx.emu.emit("customer.tax_id.deleted", taxId, ctx);
      return { id: taxId.id, object: "tax_id", deleted: true } satisfies Stripe.DeletedTaxId;
    },
  },
];
