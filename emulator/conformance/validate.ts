// Validates Stripe API bodies against the JSON Schemas generated from the
// pinned SDK's type declarations (stripe-schemas.json): every object by its
// `object` field, the items of lists and search results, the objects embedded
// in errors, and events by their type. Closed enums and no undeclared keys.
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import { readFileSync } from "node:fs";
import { SCHEMAS_FILE } from "./paths.ts";

type Schemas = { version: string; apiVersion: string; objects: Record<string, object>; events: Record<string, object>; definitions: Record<string, object> };

export type Violation = { where: string; object: string; message: string };

// Compiling every schema takes seconds; each object and event type is compiled on first use.
let loaded: { schemas: Schemas; ajv: Ajv; compiled: Map<string, ValidateFunction> } | null = null;

function load() {
  if (loaded) return loaded;
  const schemas = JSON.parse(readFileSync(SCHEMAS_FILE, "utf8")) as Schemas;
  const ajv = new Ajv({ allErrors: true, strict: false, inlineRefs: false });
  ajv.addSchema({ $id: "stripe", definitions: schemas.definitions });
  loaded = { schemas, ajv, compiled: new Map() };
  return loaded;
}

function validator(kind: "objects" | "events", name: string): ValidateFunction | undefined {
  const { schemas, ajv, compiled } = load();
  const key = `${kind}:${name}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const schema = Object.hasOwn(schemas[kind], name) ? (schemas[kind][name] as { $ref: string }) : undefined;
  if (!schema) return undefined;
  const validate = ajv.compile({ $ref: `stripe${schema.$ref}` });
  compiled.set(key, validate);
  return validate;
}

const describe = (errors: ErrorObject[] | null | undefined): string =>
  (errors ?? [])
    .slice(0, 8)
    .map((e) => `${e.instancePath || "/"} ${e.message}${e.params && "additionalProperty" in e.params ? ` '${String(e.params.additionalProperty)}'` : ""}${e.params && "allowedValues" in e.params ? ` ${JSON.stringify(e.params.allowedValues)}` : ""}`)
    .join("; ");

/** Compiles every validator now (seconds of CPU: schemas reach most of the API), e.g. in a beforeAll with a long timeout. */
export function prepareValidation(): void {
  const { schemas } = load();
  for (const name of Object.keys(schemas.objects)) validator("objects", name);
  for (const type of Object.keys(schemas.events)) validator("events", type);
}

/** The object types the schemas know. */
export function knownObjects(): string[] {
  return Object.keys(load().schemas.objects);
}

/** Validates one Stripe object (or a list / search result of them, or an error body) found at `where`. */
export function validateBody(body: unknown, where: string): Violation[] {
  if (!body || typeof body !== "object") return [{ where, object: typeof body, message: "not a JSON object" }];
  const value = body as Record<string, unknown>;
  if (value.error && typeof value.error === "object") return validateError(value.error as Record<string, unknown>, where);
  if (value.object === "list" || value.object === "search_result") {
    const data = Array.isArray(value.data) ? value.data : [];
    return data.flatMap((item, i) => validateBody(item, `${where} data[${i}]`));
  }
  if (value.object === "event") return validateEvent(value, where);
  const name = `${String(value.object)}${value.deleted === true ? ":deleted" : ""}`;
  const validate = validator("objects", name);
  if (!validate) return [{ where, object: name, message: "no schema for this object type" }];
  return validate(value) ? [] : [{ where, object: name, message: describe(validate.errors) }];
}

/** An event: its envelope and data.object against the schema of its type. */
export function validateEvent(event: Record<string, unknown>, where: string): Violation[] {
  const type = String(event.type);
  const validate = validator("events", type);
  if (!validate) return [{ where, object: `event ${type}`, message: "no such event type in the pinned SDK" }];
  return validate(event) ? [] : [{ where, object: `event ${type}`, message: describe(validate.errors) }];
}

// Stripe embeds the object an error concerns (a declined PaymentIntent, a failed SetupIntent…).
const EMBEDDED = ["payment_intent", "setup_intent", "payment_method", "source"] as const;

function validateError(error: Record<string, unknown>, where: string): Violation[] {
  const violations: Violation[] = [];
  if (typeof error.type !== "string" || typeof error.message !== "string") violations.push({ where, object: "error", message: "an error needs a type and a message" });
  for (const key of EMBEDDED) if (error[key] && typeof error[key] === "object") violations.push(...validateBody(error[key], `${where} error.${key}`));
  return violations;
}
