// Products and prices (BEHAVIOR §5.1–5.2).
import type Stripe from "stripe";
import type { RequestContext, Route } from "../core/context.ts";
import { invalidRequest, validationError } from "../core/errors.ts";
import { newId, nowSeconds } from "../core/ids.ts";
import { matchesCreated, paginate } from "../core/list.ts";
import { arr, bool, createdFilter, int, listParams, mergeMetadata, metadata, num, obj, oneOf, req, str, type Params } from "../core/params.ts";
import { applyUpdate, load, reference, retrieveRoute, storeUpdate } from "./shared.ts";

/** SDK 23.1 types `tax_details`; Stripe's product fixture (our key contract) has no such key. */
export type ProductObject = Stripe.Product;

const recurringSpec = obj({
  interval: req(oneOf("day", "week", "month", "year")),
  interval_count: int(1),
  usage_type: oneOf("licensed", "metered"),
  meter: str(),
  trial_period_days: int(0),
});

const priceDataFields = {
  currency: req(str()),
  unit_amount: int(0),
  unit_amount_decimal: str(),
  recurring: recurringSpec,
  tax_behavior: oneOf("exclusive", "inclusive", "unspecified"),
};

const productFields = {
  name: str(),
  active: bool(),
  description: str(),
  metadata: metadata(),
  images: arr(str()),
  url: str(),
  unit_label: str(12),
  statement_descriptor: str(22),
  tax_code: str(),
  shippable: bool(),
  marketing_features: arr(obj({ name: req(str()) })),
  package_dimensions: obj({ height: req(num()), length: req(num()), weight: req(num()), width: req(num()) }),
};

function createProduct(ctx: RequestContext, p: Params): ProductObject {
  const now = nowSeconds();
  const product: ProductObject = {
    id: p.id ?? newId("prod"),
    object: "product",
    active: p.active ?? true,
    created: now,
    default_price: null,
    description: p.description ?? null,
    images: p.images ?? [],
    livemode: false,
    marketing_features: p.marketing_features ?? [],
    metadata: mergeMetadata({}, p.metadata),
    name: p.name,
    package_dimensions: p.package_dimensions ?? null,
    shippable: p.shippable ?? null,
    statement_descriptor: p.statement_descriptor ?? null,
    tax_code: p.tax_code ?? null,
    tax_details: null,
    type: "service",
    unit_label: p.unit_label ?? null,
    updated: now,
    url: p.url ?? null,
  };
  ctx.emu.store.put("products", product);
  ctx.emu.emit("product.created", product, ctx);
  return product;
}

function createPrice(ctx: RequestContext, p: Params, product: string): Stripe.Price {
  const currency = String(p.currency).toLowerCase();
  if (!/^[a-z]{3}$/.test(currency)) throw validationError(`Invalid currency: ${p.currency}.`, "currency", "parameter_invalid_string");
  let unitAmount: number | null = p.unit_amount ?? null;
  if (unitAmount === null && p.unit_amount_decimal) unitAmount = Math.round(Number(p.unit_amount_decimal));
  if (unitAmount === null && p.custom_unit_amount === undefined && p.billing_scheme !== "tiered")
    throw validationError("Missing required param: unit_amount.", "unit_amount", "parameter_missing");
  if (p.lookup_key) claimLookupKey(ctx, p.lookup_key, p.transfer_lookup_key === true);
  const recurring = p.recurring
    ? {
        interval: p.recurring.interval,
        interval_count: p.recurring.interval_count ?? 1,
        meter: p.recurring.meter ?? null,
        trial_period_days: p.recurring.trial_period_days ?? null,
        usage_type: p.recurring.usage_type ?? "licensed",
      }
    : null;
  const price: Stripe.Price = {
    id: newId("price"),
    object: "price",
    active: p.active ?? true,
    billing_scheme: "per_unit",
    created: nowSeconds(),
    currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: p.lookup_key ?? null,
    metadata: mergeMetadata({}, p.metadata),
    nickname: p.nickname ?? null,
    product,
    recurring,
    tax_behavior: p.tax_behavior ?? "unspecified",
    tiers_mode: null,
    transform_quantity: null,
    type: recurring ? "recurring" : "one_time",
    unit_amount: unitAmount,
    unit_amount_decimal: unitAmount === null ? null : (p.unit_amount_decimal ?? String(unitAmount)),
  };
  ctx.emu.store.put("prices", price);
  ctx.emu.emit("price.created", price, ctx);
  return price;
}

/** lookup_key is unique among prices; `transfer_lookup_key=true` moves it atomically. */
function claimLookupKey(ctx: RequestContext, key: string, transfer: boolean, except?: string): void {
  const holder = ctx.emu.store.all<Stripe.Price>("prices").find((pr) => pr.lookup_key === key && pr.id !== except);
  if (!holder) return;
  if (!transfer)
    throw invalidRequest(
      `A price (\`${holder.id}\`) already uses that lookup key. Set \`transfer_lookup_key=true\` to transfer the lookup key to this price.`,
      { param: "lookup_key", code: "lookup_key_already_exists" },
    );
  holder.lookup_key = null;
  ctx.emu.store.put("prices", holder);
  ctx.emu.emit("price.updated", holder, ctx, { lookup_key: key });
}

export const catalogRoutes: Route[] = [
  {
    method: "POST",
    path: "/v1/products",
    schema: {
      ...productFields,
      name: req(str()),
      id: str(),
      default_price_data: obj({ ...priceDataFields }),
    },
    handler(ctx) {
      const p = ctx.params;
      if (p.id && ctx.emu.store.get("products", p.id))
        throw invalidRequest(`Product already exists.`, { code: "resource_already_exists", param: "id" });
      const product = createProduct(ctx, p);
      if (p.default_price_data) {
        const price = createPrice(ctx, p.default_price_data, product.id);
        product.default_price = price.id;
        ctx.emu.store.put("products", product);
      }
      return product;
    },
  },
  retrieveRoute("/v1/products/:id", "products", "product"),
  {
    method: "POST",
    path: "/v1/products/:id",
    schema: { ...productFields, default_price: str() },
    handler(ctx) {
      const product = load<ProductObject>(ctx, "products", ctx.path.id, "product");
      const p = ctx.params;
      if (p.default_price) {
        const price = reference<Stripe.Price>(ctx, "prices", p.default_price, "price", "default_price");
        if (price.product !== product.id)
          throw invalidRequest("The default price must belong to this product.", { param: "default_price" });
      }
      const update: Partial<ProductObject> = { metadata: mergeMetadata(product.metadata, p.metadata) };
      for (const key of ["name", "active", "description", "images", "url", "unit_label", "statement_descriptor", "tax_code", "shippable", "marketing_features", "package_dimensions", "default_price"] as const) {
        if (p[key] !== undefined) (update as Record<string, unknown>)[key] = p[key] ?? (key === "images" || key === "marketing_features" ? [] : null);
      }
      const previous = applyUpdate(product, update);
      if (Object.keys(previous).length) {
        product.updated = nowSeconds();
        ctx.emu.store.put("products", product);
        ctx.emu.emit("product.updated", product, ctx, previous);
      }
      return product;
    },
  },
  {
    method: "DELETE",
    path: "/v1/products/:id",
    schema: {},
    handler(ctx) {
      const product = load<ProductObject>(ctx, "products", ctx.path.id, "product");
      if (ctx.emu.store.all<Stripe.Price>("prices").some((pr) => pr.product === product.id))
        throw invalidRequest("This product cannot be deleted because it has one or more user-created prices.", { param: "id" });
      ctx.emu.store.remove("products", product.id);
      ctx.emu.emit("product.deleted", product, ctx);
      return { id: product.id, object: "product", deleted: true } satisfies Stripe.DeletedProduct;
    },
  },
  {
    method: "GET",
    path: "/v1/products",
    schema: { ...listParams, active: bool(), ids: arr(str()), shippable: bool(), url: str(), created: createdFilter },
    handler(ctx) {
      const p = ctx.params;
      const items = ctx.emu.store.all<ProductObject>("products").filter(
        (pr) =>
          (p.active === undefined || p.active === null || pr.active === p.active) &&
          (!p.ids || (p.ids as string[]).includes(pr.id)) &&
          (p.shippable === undefined || p.shippable === null || pr.shippable === p.shippable) &&
          (!p.url || pr.url === p.url) &&
          matchesCreated(pr.created, p.created),
      );
      return paginate(items, p, "/v1/products");
    },
  },
  {
    method: "POST",
    path: "/v1/prices",
    schema: {
      ...priceDataFields,
      product: str(),
      product_data: obj({ name: req(str()), active: bool(), metadata: metadata(), statement_descriptor: str(22), tax_code: str(), unit_label: str(12), id: str() }),
      lookup_key: str(200),
      transfer_lookup_key: bool(),
      nickname: str(),
      metadata: metadata(),
      active: bool(),
    },
    handler(ctx) {
      const p = ctx.params;
      if (!p.product && !p.product_data)
        throw validationError("Missing required param: product.", "product", "parameter_missing");
      let productId: string;
      if (p.product) {
        const product = reference<ProductObject>(ctx, "products", p.product, "product", "product");
        productId = product.id;
      } else productId = createProduct(ctx, p.product_data).id;
      return createPrice(ctx, p, productId);
    },
  },
  retrieveRoute("/v1/prices/:id", "prices", "price"),
  {
    method: "POST",
    path: "/v1/prices/:id",
    schema: { active: bool(), lookup_key: str(200), transfer_lookup_key: bool(), nickname: str(), metadata: metadata(), tax_behavior: oneOf("exclusive", "inclusive", "unspecified") },
    handler(ctx) {
      const price = load<Stripe.Price>(ctx, "prices", ctx.path.id, "price");
      const p = ctx.params;
      if (p.lookup_key) claimLookupKey(ctx, p.lookup_key, p.transfer_lookup_key === true, price.id);
      const update: Partial<Stripe.Price> = { metadata: mergeMetadata(price.metadata, p.metadata) };
      if (p.active !== undefined && p.active !== null) update.active = p.active;
      if (p.lookup_key !== undefined) update.lookup_key = p.lookup_key;
      if (p.nickname !== undefined) update.nickname = p.nickname;
      if (p.tax_behavior) update.tax_behavior = p.tax_behavior;
      const previous = applyUpdate(price, update);
      return storeUpdate(ctx, "prices", price, "price.updated", previous);
    },
  },
  {
    method: "GET",
    path: "/v1/prices",
    schema: {
      ...listParams,
      active: bool(),
      currency: str(),
      product: str(),
      type: oneOf("one_time", "recurring"),
      lookup_keys: arr(str()),
      recurring: obj({ interval: oneOf("day", "week", "month", "year"), usage_type: oneOf("licensed", "metered"), meter: str() }),
      created: createdFilter,
    },
    handler(ctx) {
      const p = ctx.params;
      const items = ctx.emu.store.all<Stripe.Price>("prices").filter(
        (pr) =>
          (p.active === undefined || p.active === null || pr.active === p.active) &&
          (!p.currency || pr.currency === String(p.currency).toLowerCase()) &&
          (!p.product || pr.product === p.product) &&
          (!p.type || pr.type === p.type) &&
          (!p.lookup_keys || (pr.lookup_key !== null && (p.lookup_keys as string[]).includes(pr.lookup_key))) &&
          (!p.recurring?.interval || pr.recurring?.interval === p.recurring.interval) &&
          (!p.recurring?.usage_type || pr.recurring?.usage_type === p.recurring.usage_type) &&
          matchesCreated(pr.created, p.created),
      );
      return paginate(items, p, "/v1/prices");
    },
  },
];
