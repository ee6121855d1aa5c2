// Explicit per-endpoint parameter schemas. Unknown parameters are rejected with
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
  | { kind: "stringOrObject"; props: Schema; required?: boolean };
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
      if (typeof value !== "string" || !spec.values.includes(value))
        throw validationError(
          `Invalid ${param}: must be one of ${spec.values.join(", ")}`,
          param,
          "parameter_invalid_string",
        );
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
    case "array": {
      const items = Array.isArray(value) ? value : typeof value === "object" ? Object.values(value) : null;
      if (!items) throw validationError("Invalid array", param, "parameter_invalid_string");
      return items.map((item, i) => coerce(spec.of, item, `${param}[${i}]`, unknown));
    }
  }
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
