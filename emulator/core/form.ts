// Decodes application/x-www-form-urlencoded bodies and query strings the way Stripe's API reads
// what stripe-node's stringifyRequestData produces: nested brackets, indexed and `[]` arrays,
// percent-encoded brackets, `+` as space.
export type FormValue = string | FormObject | FormValue[];
export interface FormObject {
  [key: string]: FormValue;
}

function decodePart(s: string): string {
  if (s.indexOf("+") !== -1) s = s.replace(/\+/g, " ");
  if (s.indexOf("%") === -1) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function splitKey(key: string): string[] | null {
  const first = key.indexOf("[");
  if (first === -1) return [key];
  const parts = [key.slice(0, first)];
  let i = first;
  while (i < key.length) {
    if (key[i] !== "[") return null;
    const close = key.indexOf("]", i);
    if (close === -1) return null;
    parts.push(key.slice(i + 1, close));
    i = close + 1;
  }
  return parts;
}

const APPEND = Symbol("append");

export function decodeForm(input: string): FormObject {
  const root: FormObject = {};
  if (!input) return root;
  for (const pair of input.split("&")) {
    if (!pair) continue;
    const eq = pair.indexOf("=");
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const value = eq === -1 ? "" : decodePart(pair.slice(eq + 1));
    const parts = splitKey(decodePart(rawKey));
    if (!parts || parts[0] === "") continue;
    let node: Record<string | symbol, unknown> = root as never;
    for (let p = 0; p < parts.length; p++) {
      let part: string | symbol = parts[p];
      const last = p === parts.length - 1;
      if (part === "") {
        // `a[]=x` appends; `a[][k]=v` starts a new element unless the last element lacks k.
        const arr = (node[APPEND] as FormObject[] | undefined) ?? [];
        node[APPEND] = arr;
        if (last) {
          (arr as unknown as FormValue[]).push(value);
          break;
        }
        const nextKey = parts[p + 1];
        let target = arr[arr.length - 1] as FormObject | undefined;
        if (!target || typeof target !== "object" || nextKey in target) {
          target = {};
          arr.push(target);
        }
        node = target as never;
        continue;
      }
      if (last) {
        node[part] = value;
      } else {
        let next = node[part];
        if (typeof next !== "object" || next === null) {
          next = {};
          node[part] = next;
        }
        node = next as never;
      }
    }
  }
  return normalise(root) as FormObject;
}

/** Turns `{0: a, 1: b}` (indexed arrays) and `[]`-appended values into real arrays. */
function normalise(value: unknown): FormValue {
  if (typeof value !== "object" || value === null) return value as string;
  if (Array.isArray(value)) return value.map(normalise);
  const obj = value as Record<string | symbol, unknown>;
  const appended = obj[APPEND] as unknown[] | undefined;
  const keys = Object.keys(obj);
  if (appended && keys.length === 0) return appended.map(normalise);
  if (keys.length > 0 && !appended && keys.every((k) => /^\d+$/.test(k))) {
    return keys
      .map(Number)
      .sort((a, b) => a - b)
      .map((k) => normalise(obj[String(k)]));
  }
  const out: FormObject = {};
  for (const k of keys) out[k] = normalise(obj[k]);
  if (appended) appended.forEach((v, i) => (out[String(i)] = normalise(v)));
  return out;
}
