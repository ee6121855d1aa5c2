// Search endpoints (`GET /v1/<resource>/search?query=…`, BEHAVIOR §1.7) and the subset of
// Stripe's search query language they need: clauses `field:value` (exact), `field~value`
// (substring, ≥ 3 characters), `field>value` / `<` / `>=` / `<=` (numbers), a leading `-` to
// negate, `metadata['key']:value`, `null` as a value, joined by AND or OR (not both), at most
// 10 clauses. Results are newest first and paged by an opaque `next_page` token.
import type { Route } from "../core/context.ts";
import { invalidRequest } from "../core/errors.ts";
import { int, req, str, type Params } from "../core/params.ts";
import type { Collection } from "../core/store.ts";

type Operator = ":" | "~" | ">" | "<" | ">=" | "<=";
interface Clause {
  field: string;
  operator: Operator;
  value: string | number | null;
  negated: boolean;
}
interface Query {
  clauses: Clause[];
  join: "AND" | "OR";
}

const MAX_CLAUSES = 10;

function queryError(message: string) {
  return invalidRequest(message, { param: "query", code: "parameter_invalid_string" });
}

/** Parses a query string; throws a 400 naming what is wrong, as Stripe does for bad queries. */
export function parseSearchQuery(query: string): Query {
  const clauses: Clause[] = [];
  const joins = new Set<"AND" | "OR">();
  let i = 0;
  const skipSpace = () => {
    while (i < query.length && /\s/.test(query[i])) i++;
  };
  const readValue = (): string | number | null => {
    const quote = query[i];
    if (quote === "'" || quote === '"') {
      let out = "";
      i++;
      while (i < query.length && query[i] !== quote) {
        if (query[i] === "\\" && i + 1 < query.length) i++;
        out += query[i++];
      }
      if (query[i] !== quote) throw queryError(`Unterminated string in query: ${query}`);
      i++;
      return out;
    }
    const match = /^[^\s]+/.exec(query.slice(i));
    if (!match) throw queryError(`Expected a value at position ${i} of query: ${query}`);
    i += match[0].length;
    if (match[0] === "null") return null;
    const n = Number(match[0]);
    if (Number.isFinite(n)) return n;
    throw queryError(`String values must be quoted: ${match[0]}`);
  };
  skipSpace();
  if (i >= query.length) throw queryError("The query must not be empty.");
  while (i < query.length) {
    const negated = query[i] === "-";
    if (negated) i++;
    const field = /^(metadata\[(['"])[^'"\]]+\2\]|[a-z_][a-z0-9_.]*)/i.exec(query.slice(i));
    if (!field) throw queryError(`Expected a field name at position ${i} of query: ${query}`);
    i += field[0].length;
    const op = /^(>=|<=|:|~|>|<)/.exec(query.slice(i));
    if (!op) throw queryError(`Expected one of ':', '~', '>', '<', '>=', '<=' after '${field[0]}'.`);
    i += op[0].length;
    const value = readValue();
    const operator = op[0] as Operator;
    if (operator === "~" && (typeof value !== "string" || value.length < 3))
      throw queryError(`Substring search on '${field[0]}' needs a quoted value of at least 3 characters.`);
    if ((operator === ">" || operator === "<" || operator === ">=" || operator === "<=") && typeof value !== "number")
      throw queryError(`Comparison on '${field[0]}' needs a number.`);
    clauses.push({ field: field[0].replace(/^metadata\[(['"])(.*)\1\]$/, "metadata.$2"), operator, value, negated });
    skipSpace();
    if (i >= query.length) break;
    const join = /^(AND|OR)\s+/.exec(query.slice(i));
    if (!join) throw queryError(`Expected AND or OR at position ${i} of query: ${query}`);
    joins.add(join[1] as "AND" | "OR");
    i += join[0].length;
    skipSpace();
  }
  if (joins.size > 1) throw queryError("A query can use AND or OR, not both.");
  if (clauses.length > MAX_CLAUSES) throw queryError(`A query can have at most ${MAX_CLAUSES} clauses.`);
  return { clauses, join: joins.has("OR") ? "OR" : "AND" };
}

function fieldValue(object: Record<string, unknown>, path: string): unknown {
  if (path.startsWith("metadata.")) return (object.metadata as Record<string, string> | undefined)?.[path.slice(9)];
  let value: unknown = object;
  for (const key of path.split(".")) value = value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

function matchesClause(object: Record<string, unknown>, clause: Clause): boolean {
  const actual = fieldValue(object, clause.field);
  let result: boolean;
  switch (clause.operator) {
    case ":":
      if (clause.value === null) result = actual === null || actual === undefined;
      else if (typeof actual === "boolean") result = String(actual) === String(clause.value);
      else result = actual !== null && actual !== undefined && String(actual).toLowerCase() === String(clause.value).toLowerCase();
      break;
    case "~":
      result = typeof actual === "string" && actual.toLowerCase().includes(String(clause.value).toLowerCase());
      break;
    default: {
      const n = typeof actual === "number" ? actual : NaN;
      const v = clause.value as number;
      result = clause.operator === ">" ? n > v : clause.operator === "<" ? n < v : clause.operator === ">=" ? n >= v : n <= v;
    }
  }
  return clause.negated ? !result : result;
}

function decodePage(page: string | undefined): number {
  if (!page) return 0;
  const offset = Number(Buffer.from(page, "base64url").toString("utf8").replace(/^offset:/, ""));
  if (!Number.isInteger(offset) || offset < 0) throw invalidRequest(`Invalid page: ${page}`, { param: "page" });
  return offset;
}

/** A `GET /v1/<resource>/search` route over a collection, limited to the fields Stripe allows. */
export function searchRoute(resource: string, collection: Collection, fields: string[], aliases: Record<string, string> = {}): Route {
  const url = `/v1/${resource}/search`;
  return {
    method: "GET",
    path: url,
    schema: { query: req(str()), limit: int(), page: str() },
    handler(ctx) {
      const p: Params = ctx.params;
      const query = parseSearchQuery(p.query);
      for (const clause of query.clauses) {
        if (!clause.field.startsWith("metadata.") && !fields.includes(clause.field))
          throw queryError(`Field \`${clause.field}\` is an unsupported search field for resource \`${resource}\`. See https://docs.stripe.com/search#query-fields-for-${resource.replaceAll("_", "-")} for a list of supported fields.`);
      }
      const limit = p.limit ?? 10;
      if (limit < 1 || limit > 100)
        throw invalidRequest("Invalid limit: must be between 1 and 100", { param: "limit", code: "parameter_invalid_integer" });
      const offset = decodePage(p.page);
      for (const clause of query.clauses) clause.field = aliases[clause.field] ?? clause.field;
      const hits = ctx.emu.store.all<Record<string, unknown>>(collection).filter((object) =>
        query.join === "AND" ? query.clauses.every((c) => matchesClause(object, c)) : query.clauses.some((c) => matchesClause(object, c)),
      );
      const data = hits.slice(offset, offset + limit);
      const hasMore = hits.length > offset + limit;
      return {
        object: "search_result",
        data,
        has_more: hasMore,
        next_page: hasMore ? Buffer.from(`offset:${offset + limit}`).toString("base64url") : null,
        url,
      };
    },
  };
}

// Fields per resource from docs.stripe.com/search#query-fields (metadata is always allowed).
export const searchRoutes: Route[] = [
  searchRoute("customers", "customers", ["created", "email", "name", "phone"]),
  searchRoute("payment_intents", "payment_intents", ["amount", "created", "currency", "customer", "status"]),
  searchRoute("charges", "charges", [
    "amount", "billing_details.address.postal_code", "created", "currency", "customer", "disputed",
    "payment_method_details.card.brand", "payment_method_details.card.exp_month", "payment_method_details.card.exp_year",
    "payment_method_details.card.last4", "payment_intent", "refunded", "status",
  ]),
  searchRoute("products", "products", ["active", "created", "description", "name", "shippable", "url"]),
  searchRoute("prices", "prices", ["active", "created", "currency", "lookup_key", "product", "type"]),
];
