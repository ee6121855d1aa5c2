// Per-endpoint parameter schemas and their validation. Each route accepts every parameter the
// pinned SDK documents for its endpoint (route-params.ts), typed and enum-checked; the route's own
// `schema:` adds what its behaviour needs on top (the parameters it models, stricter limits,
// required fields). Unknown parameters are rejected with
// `parameter_unknown` and missing ones with `parameter_missing`, as Stripe does (BEHAVIOR §1.6).
// An empty string means "unset" (stripe-node sends `null` as ""); it decodes to null.
import { ApiError, missingParameter, unknownParameters, validationError } from "./errors.ts";
import type { FormObject, FormValue } from "./form.ts";

export type Spec =
  | { kind: "string"; required?: boolean; max?: number }
  | { kind: "enum"; values: readonly string[]; required?: boolean }
  | { kind: "integer"; required?: boolean; min?: number }
  | { kind: "number"; required?: boolean }
  | { kind: "boolean"; required?: boolean }
  | { kind: "metadata"; required?: boolean }
  | { kind: "object"; props: Schema; required?: boolean; open?: boolean }
  | { kind: "array"; of: Spec; required?: boolean }
  | { kind: "stringOrObject"; props: Schema; required?: boolean }
  | { kind: "decimal"; required?: boolean }
  | { kind: "hash"; of: Spec; required?: boolean }
  | { kind: "union"; of: Spec[]; required?: boolean };
export type Schema = Record<string, Spec>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Params = Record<string, any>;

export const str = (max?: number): Spec => ({ kind: "string", max });
export const int = (min?: number): Spec => ({ kind: "integer", min });
export const num = (): Spec => ({ kind: "number" });
export const bool = (): Spec => ({ kind: "boolean" });
export const oneOf = (...values: string[]): Spec => ({ kind: "enum", values });
export const metadata = (): Spec => ({ kind: "metadata" });
export const obj = (props: Schema): Spec => ({ kind: "object", props });
/** A hash whose keys are not checked (e.g. dispute evidence handled by the resource itself). */
export const openObj = (props: Schema = {}): Spec => ({ kind: "object", props, open: true });
export const arr = (of: Spec): Spec => ({ kind: "array", of });
export const idOrObj = (props: Schema): Spec => ({ kind: "stringOrObject", props });
export const req = (spec: Spec): Spec => ({ ...spec, required: true });

export const addressSpec = obj({
  city: str(),
  country: str(),
  line1: str(),
  line2: str(),
  postal_code: str(),
  state: str(),
});
export const shippingSpec = obj({
  address: addressSpec,
  name: str(),
  phone: str(),
  carrier: str(),
  tracking_number: str(),
});
export const createdFilter = idOrObj({ gt: int(), gte: int(), lt: int(), lte: int() });
export const listParams: Schema = { limit: int(), starting_after: str(), ending_before: str() };

/** Parameters every endpoint accepts. */
const universal: Schema = { expand: arr(str()) };

const withUniversal = new WeakMap<Schema, Schema>();

export function validate(schema: Schema, input: FormObject): Params {
  let full = withUniversal.get(schema);
  if (!full) {
    full = { ...universal, ...schema };
    withUniversal.set(schema, full);
  }
  const unknown: string[] = [];
  const out = walkObject(full, input, "", unknown, false);
  if (unknown.length) throw unknownParameters(unknown);
  return out;
}

const requiredCache = new WeakMap<Schema, string[]>();
function requiredKeys(schema: Schema): string[] {
  let keys = requiredCache.get(schema);
  if (!keys) {
    keys = Object.keys(schema).filter((k) => schema[k].required);
    requiredCache.set(schema, keys);
  }
  return keys;
}

function path(prefix: string, key: string): string {
  return prefix ? `${prefix}[${key}]` : key;
}

function walkObject(schema: Schema, input: FormObject, prefix: string, unknown: string[], open: boolean): Params {
  const out: Params = {};
  for (const key of Object.keys(input)) {
    const spec = schema[key];
    if (!spec) {
      if (open) out[key] = input[key];
      else unknown.push(path(prefix, key));
      continue;
    }
    out[key] = coerce(spec, input[key], path(prefix, key), unknown);
  }
  for (const key of requiredKeys(schema)) {
    if ((out[key] === undefined || out[key] === null) && !unknown.length) throw missingParameter(path(prefix, key));
  }
  return out;
}

function coerce(spec: Spec, value: FormValue, param: string, unknown: string[]): unknown {
  if (value === "") return null;
  switch (spec.kind) {
    case "string":
      if (typeof value !== "string") throw validationError(`Invalid string: ${param}`, param, "parameter_invalid_string");
      if (spec.max && value.length > spec.max)
        throw validationError(`${param} must be at most ${spec.max} characters`, param, "parameter_invalid_string");
      return value;
    case "enum":
      if (typeof value !== "string" || !spec.values.includes(value)) throw invalidEnum(param, spec.values);
      return value;
    case "integer": {
      if (typeof value !== "string" || !/^-?\d+$/.test(value))
        throw validationError(`Invalid integer: ${String(value)}`, param, "parameter_invalid_integer");
      const n = Number(value);
      if (spec.min !== undefined && n < spec.min)
        throw validationError(
          `This value must be greater than or equal to ${spec.min}.`,
          param,
          "parameter_invalid_integer",
        );
      return n;
    }
    case "number": {
      const n = typeof value === "string" ? Number(value) : NaN;
      if (!Number.isFinite(n)) throw validationError(`Invalid decimal: ${String(value)}`, param, "parameter_invalid_string");
      return n;
    }
    case "boolean":
      if (value === "true") return true;
      if (value === "false") return false;
      throw validationError(`Invalid boolean: ${String(value)}`, param, "parameter_invalid_string");
    case "metadata":
      return coerceMetadata(value, param);
    case "object":
      if (typeof value !== "object" || Array.isArray(value))
        throw validationError("Invalid hash", param, "parameter_invalid_string");
      return walkObject(spec.props, value, param, unknown, spec.open ?? false);
    case "stringOrObject":
      if (typeof value === "string") return value;
      if (Array.isArray(value)) throw validationError("Invalid hash", param, "parameter_invalid_string");
      return walkObject(spec.props, value, param, unknown, false);
    case "decimal":
      if (typeof value !== "string" || !/^-?\d+(\.\d+)?$/.test(value))
        throw validationError(`Invalid decimal: ${String(value)}`, param, "parameter_invalid_string");
      return value;
    case "hash": {
      if (typeof value !== "object" || Array.isArray(value)) throw validationError("Invalid hash", param, "parameter_invalid_string");
      const out: Params = {};
      for (const key of Object.keys(value)) out[key] = coerce(spec.of, value[key], `${param}[${key}]`, unknown);
      return out;
    }
    case "union":
      return coerceUnion(spec.of, value, param, unknown);
    case "array": {
      const items = Array.isArray(value) ? value : typeof value === "object" ? Object.values(value) : null;
      if (!items) throw validationError("Invalid array", param, "parameter_invalid_string");
      return items.map((item, i) => coerce(spec.of, item, `${param}[${i}]`, unknown));
    }
  }
}

/** Stripe's wording: "Invalid capture_method: must be one of automatic, automatic_async, or manual". */
function invalidEnum(param: string, values: readonly string[]): ApiError {
  const list = values.length <= 2 ? values.join(" or ") : `${values.slice(0, -1).join(", ")}, or ${values[values.length - 1]}`;
  return new ApiError(400, { type: "invalid_request_error", message: `Invalid ${param}: must be one of ${list}`, param }, true);
}

const isHashSpec = (s: Spec) => s.kind === "object" || s.kind === "hash" || s.kind === "metadata" || s.kind === "stringOrObject";

/** `trial_end: "now" | 1735689600`, `created: 1735689600 | {gte: …}`: the first alternative that fits. */
function coerceUnion(alternatives: Spec[], value: FormValue, param: string, unknown: string[]): unknown {
  if (typeof value === "object") {
    const fits = alternatives.find((s) => (Array.isArray(value) ? s.kind === "array" : isHashSpec(s)))
      ?? alternatives.find((s) => s.kind === "array");
    if (!fits) throw validationError(`Invalid ${param}`, param, "parameter_invalid_string");
    return coerce(fits, value, param, unknown);
  }
  // When nothing fits, the typed alternative explains best ("Invalid integer: ten", not the enum).
  let error: unknown = null;
  for (const alternative of alternatives) {
    if (isHashSpec(alternative) && alternative.kind !== "stringOrObject") continue;
    try {
      return coerce(alternative, value, param, unknown);
    } catch (err) {
      if (!error || alternative.kind !== "enum") error = err;
    }
  }
  throw error ?? validationError(`Invalid ${param}`, param, "parameter_invalid_string");
}

function coerceMetadata(value: FormValue, param: string): Record<string, string | null> {
  if (typeof value !== "object" || Array.isArray(value)) throw validationError("Invalid hash", param, "parameter_invalid_string");
  const out: Record<string, string | null> = {};
  const keys = Object.keys(value);
  if (keys.length > 50) throw validationError("Metadata can have at most 50 keys.", param, "parameter_invalid_string");
  for (const key of keys) {
    const v = value[key];
    if (key.length > 40)
      throw validationError(`Metadata keys can have up to 40 characters; '${key}' is too long.`, `${param}[${key}]`, "parameter_invalid_string");
    if (typeof v !== "string") throw validationError("Metadata values must be strings.", `${param}[${key}]`, "parameter_invalid_string");
    if (v.length > 500)
      throw validationError("Metadata values can have up to 500 characters.", `${param}[${key}]`, "parameter_invalid_string");
    out[key] = v === "" ? null : v;
  }
  return out;
}

/** Merge rules of BEHAVIOR §1.9: `metadata=` clears all, `metadata[k]=` deletes k, others set. */
export function mergeMetadata(
  current: Record<string, string>,
  update: Record<string, string | null> | null | undefined,
): Record<string, string> {
  if (update === undefined) return current;
  if (update === null) return {};
  const next = { ...current };
  for (const [k, v] of Object.entries(update)) {
    if (v === null) delete next[k];
    else next[k] = v;
  }
  return next;
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
