// Derives each modelled endpoint's request parameters from the pinned `stripe` package's `*Params`
// interfaces (param-routes.ts says which interface documents which route), with the TypeScript
// compiler API as generate-schemas.ts does for objects. Writes core/stripe-params.json, which
// core/params.ts compiles once into validators. Run it again whenever `stripe` is bumped:
//   npx tsx emulator/conformance/generate-params.ts
//
// Node encoding (compact, since PaymentIntent confirm alone documents hundreds of nested fields):
//   "s" string, "i" integer, "n" number, "b" boolean, "d" decimal string, "m" metadata,
//   {e:[…]} enum, {a:node} array, {h:node} hash of arbitrary keys, {o:n} object shape n,
//   {u:[…]} one of several. A shape is {p:{name: node}, r?:[required names]}.
// `Emptyable<T>` (`null | '' | T`) is T: the validator reads "" as "unset" everywhere.
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { CONFORMANCE_OBJECTS } from "./objects.ts";
import { PARAM_ROUTES } from "./param-routes.ts";
import { PARAMS_FILE } from "./paths.ts";

export type ParamNode =
  | "s" | "i" | "n" | "b" | "d" | "m"
  | { e: string[] } | { a: ParamNode } | { h: ParamNode } | { o: number } | { u: ParamNode[] };
export interface ParamShape {
  p: Record<string, ParamNode>;
  r?: string[];
}
export interface ParamRouteEntry {
  type: string;
  params: number;
  /**
   * Parameters that are also top-level fields, of the same shape, of the object this POST creates
   * or updates, with the field's layout: 1 = stored as sent; {k: layout} = a hash whose fields
   * are kept in the object's layout (absent ones null, others dropped).
   */
  stores?: Record<string, StoredLayout>;
  /** The `object` value of what this POST creates or updates (with `stores`). */
  object?: string;
}
export type StoredLayout = 1 | { [field: string]: StoredLayout };
export interface StripeParams {
  version: string;
  apiVersion: string;
  routes: Record<string, ParamRouteEntry>;
  shapes: ParamShape[];
}

// The SDK declares every numeric parameter `number`; Stripe takes integers except these.
const FLOAT_PARAMS = new Set(["percent_off", "application_fee_percent", "percentage", "height", "length", "weight", "width"]);

function stripeRoot(): string {
  const main = createRequire(import.meta.url).resolve("stripe");
  return main.slice(0, main.lastIndexOf("/cjs/") + 1);
}

export function generateParams(): StripeParams {
  const root = stripeRoot();
  const resources = join(root, "cjs/resources");
  const routeFiles = Object.values(PARAM_ROUTES).map((r) => join(resources, r.file));
  const objectFiles = CONFORMANCE_OBJECTS.map((o) => join(resources, o.file));
  const program = ts.createProgram([...new Set([...routeFiles, ...objectFiles])], {
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
  });
  const checker = program.getTypeChecker();
  const shapes: ParamShape[] = [];
  const shapeIndex = new Map<string, number>();
  const byType = new Map<ts.Type, ParamNode>();
  const trail: string[] = [];

  const symbolName = (t: ts.Type) => (t.aliasSymbol ?? t.getSymbol())?.getName();
  const isOtherString = (t: ts.Type) => t.isIntersection() && t.types.some((m) => (m.flags & ts.TypeFlags.String) !== 0);

  function properties(type: ts.Type): { name: string; type: ts.Type; optional: boolean }[] {
    const out: { name: string; type: ts.Type; optional: boolean }[] = [];
    for (const property of checker.getPropertiesOfType(type)) {
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      if (!declaration) continue;
      const propertyType = checker.getTypeOfSymbolAtLocation(property, declaration);
      if ((property.flags & ts.SymbolFlags.Method) !== 0 || propertyType.getCallSignatures().length > 0) continue;
      out.push({ name: property.getName(), type: propertyType, optional: (property.flags & ts.SymbolFlags.Optional) !== 0 });
    }
    return out;
  }

  function intern(shape: ParamShape): ParamNode {
    const key = JSON.stringify(shape);
    let index = shapeIndex.get(key);
    if (index === undefined) {
      index = shapes.length;
      shapes.push(shape);
      shapeIndex.set(key, index);
    }
    return { o: index };
  }

  function objectShape(types: ts.Type[]): ParamShape {
    // Alternatives of one parameter (`card: Card1 | Card2`) merge: any of their fields is accepted.
    const p: Record<string, ParamNode> = {};
    let required = null as Set<string> | null;
    for (const type of types) {
      const mine = new Set<string>();
      for (const prop of properties(type)) {
        trail.push(prop.name);
        if (!(prop.name in p)) p[prop.name] = toNode(prop.type, prop.name);
        trail.pop();
        if (!prop.optional) mine.add(prop.name);
      }
      required = required ? new Set([...required].filter((k) => mine.has(k))) : mine;
    }
    const r = [...(required ?? [])];
    return r.length ? { p, r } : { p };
  }

  function isPlainObject(type: ts.Type): boolean {
    return (type.flags & ts.TypeFlags.Object) !== 0 && !checker.isArrayType(type) && symbolName(type) !== "Decimal";
  }

  function objectNode(types: ts.Type[]): ParamNode {
    if (types.length === 1) {
      const name = symbolName(types[0]);
      if (name === "MetadataParam") return "m";
      const index = checker.getIndexInfoOfType(types[0], ts.IndexKind.String);
      if (index && properties(types[0]).length === 0) return { h: toNode(index.type, "") };
      const known = byType.get(types[0]);
      if (known) return known;
      const node = intern(objectShape(types));
      byType.set(types[0], node);
      return node;
    }
    return intern(objectShape(types));
  }

  function toNode(type: ts.Type, name: string): ParamNode {
    if (symbolName(type) === "Decimal") return "d";
    if (type.flags & ts.TypeFlags.String) return "s";
    if (type.flags & ts.TypeFlags.Number) return FLOAT_PARAMS.has(name) ? "n" : "i";
    if (type.flags & ts.TypeFlags.Boolean) return "b";
    if (type.isStringLiteral()) return { e: [type.value] };
    if (type.isUnion()) {
      const members = type.types.filter(
        (m) => !(m.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)) && !(m.isStringLiteral() && m.value === ""),
      );
      const open = members.some(isOtherString);
      const literals = members.filter((m) => m.isStringLiteral()).map((m) => (m as ts.StringLiteralType).value);
      const booleans = members.filter((m) => m.flags & ts.TypeFlags.BooleanLiteral);
      const objects = members.filter(isPlainObject);
      const rest = members.filter((m) => !isOtherString(m) && !m.isStringLiteral() && !(m.flags & ts.TypeFlags.BooleanLiteral) && !isPlainObject(m));
      const nodes: ParamNode[] = [];
      if (booleans.length) nodes.push("b");
      if (literals.length) nodes.push({ e: literals });
      else if (open) nodes.push("s");
      for (const m of rest) nodes.push(toNode(m, name));
      if (objects.length) nodes.push(objectNode(objects));
      const unique = [...new Map(nodes.map((n) => [JSON.stringify(n), n])).values()];
      return unique.length === 1 ? unique[0] : { u: unique };
    }
    if (checker.isArrayType(type)) return { a: toNode(checker.getTypeArguments(type as ts.TypeReference)[0], name) };
    if (isPlainObject(type) || type.isIntersection()) return objectNode([type]);
    throw new Error(`No parameter node for ${checker.typeToString(type)} at ${trail.join(".")}`);
  }

  // How a parameter lands on the object's field of the same name, or null when their shapes differ.
  function storedLayout(node: ParamNode, field: ts.Type): StoredLayout | null {
    const members = (field.isUnion() ? field.types : [field]).filter((m) => !(m.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
    const primitive = members.some((m) => m.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike) || symbolName(m) === "Decimal" || isOtherString(m));
    if (node === "m") return members.some((m) => isPlainObject(m)) ? 1 : null;
    if (typeof node === "string") return primitive ? 1 : null;
    if ("e" in node) return primitive ? 1 : null;
    if ("a" in node) {
      const array = members.find((m) => checker.isArrayType(m));
      if (!array || (typeof node.a === "object" && !("e" in node.a))) return null;
      const element = checker.getTypeArguments(array as ts.TypeReference)[0];
      return (element.isUnion() ? element.types : [element]).some((m) => m.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike) || isOtherString(m)) ? 1 : null;
    }
    if ("o" in node) {
      const objects = members.filter((m) => isPlainObject(m));
      if (objects.length !== 1 || members.length !== 1) return null;
      const shape = shapes[node.o];
      const props = properties(objects[0]);
      // Only when every sent field has a home and every field the object always has can be sent.
      if (Object.keys(shape.p).some((k) => !props.some((p) => p.name === k))) return null;
      const layout: { [field: string]: StoredLayout } = {};
      const optional: string[] = [];
      for (const prop of props) {
        const nullable = prop.type.isUnion() && prop.type.types.some((m) => m.flags & ts.TypeFlags.Null);
        if (prop.optional) optional.push(prop.name);
        if (!(prop.name in shape.p)) {
          if (!prop.optional && !nullable) return null;
          layout[prop.name] = 1;
          continue;
        }
        const inner = storedLayout(shape.p[prop.name], prop.type);
        if (!inner) return null;
        layout[prop.name] = inner;
      }
      if (optional.length) layout["?"] = Object.fromEntries(optional.map((k) => [k, 1]));
      return layout;
    }
    return null;
  }

  function exportedType(file: string, path: string): ts.Type {
    const source = program.getSourceFile(join(resources, file));
    if (!source) throw new Error(`stripe declarations not found: ${file}`);
    const [head, ...rest] = path.split(".");
    let symbol = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).find((s) => s.getName() === head);
    for (const part of rest) symbol = symbol && checker.getExportsOfModule(symbol).find((s) => s.getName() === part);
    if (!symbol) throw new Error(`${path} is not exported by ${file}`);
    return checker.getDeclaredTypeOfSymbol(symbol);
  }

  const routes: Record<string, ParamRouteEntry> = {};
  for (const [route, spec] of Object.entries(PARAM_ROUTES)) {
    trail.length = 0;
    trail.push(route);
    const type = exportedType(spec.file, spec.type);
    const shape = objectShape([type]);
    // Every Stripe endpoint takes `expand`, including those whose interface omits it.
    if (!shape.p.expand) shape.p.expand = { a: "s" };
    const entry: ParamRouteEntry = { type: spec.type, params: (intern(shape) as { o: number }).o };
    if (spec.stores) {
      const object = CONFORMANCE_OBJECTS.find((o) => o.object === spec.stores && !o.deleted);
      if (!object) throw new Error(`${route}: no conformance object ${spec.stores}`);
      const fields = new Map(properties(exportedType(object.file, object.type)).map((p) => [p.name, p.type]));
      const stores: Record<string, StoredLayout> = {};
      for (const [name, node] of Object.entries(shape.p)) {
        if (name === "metadata" || name === "id" || name === "object" || !fields.has(name)) continue;
        const layout = storedLayout(node, fields.get(name)!);
        if (layout) stores[name] = layout;
      }
      if (Object.keys(stores).length) Object.assign(entry, { object: spec.stores, stores });
    }
    routes[route] = entry;
  }
  const pkg = JSON.parse(ts.sys.readFile(join(root, "package.json"))!) as { version: string };
  const apiVersion = /ApiVersion\s*=\s*['"]([^'"]+)['"]/.exec(ts.sys.readFile(join(root, "cjs/apiVersion.d.ts")) ?? "")?.[1] ?? "unknown";
  return { version: pkg.version, apiVersion, routes, shapes };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  const params = generateParams();
  writeFileSync(PARAMS_FILE, JSON.stringify(params) + "\n");
  console.log(
    `stripe@${params.version} (${params.apiVersion}): ${Object.keys(params.routes).length} routes, ${params.shapes.length} parameter shapes → ${PARAMS_FILE} in ${Date.now() - started} ms`,
  );
}
