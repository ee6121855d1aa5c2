// In-memory state with optional debounced persistence to `<dataDir>/emulator.json`.
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";

export const COLLECTIONS = [
  "customers",
  "products",
  "prices",
  "payment_methods",
  "payment_intents",
  "charges",
  "refunds",
  "disputes",
  "reviews",
  "balance_transactions",
  "events",
  "webhook_endpoints",
  "setup_intents",
  "coupons",
  "promotion_codes",
  "discounts",
  "subscriptions",
  "invoices",
  "invoiceitems",
  "invoice_payments",
  "billing_meters",
  "meter_events",
  "test_clocks",
  "tax_ids",
  "checkout_sessions",
  "billing_portal_configurations",
  "billing_portal_sessions",
  // Control-API restricted keys (core/permissions.ts), kept by reset like configured endpoints.
  "restricted_keys",
] as const;
export type Collection = (typeof COLLECTIONS)[number];

/** Id prefix → collection, used by expansion and id lookups. */
export const PREFIX_COLLECTION: Record<string, Collection> = {
  cus: "customers",
  prod: "products",
  price: "prices",
  pm: "payment_methods",
  pi: "payment_intents",
  ch: "charges",
  re: "refunds",
  du: "disputes",
  prv: "reviews",
  txn: "balance_transactions",
  evt: "events",
  we: "webhook_endpoints",
  seti: "setup_intents",
  promo: "promotion_codes",
  di: "discounts",
  sub: "subscriptions",
  in: "invoices",
  ii: "invoiceitems",
  inpay: "invoice_payments",
  mtr: "billing_meters",
  clock: "test_clocks",
  txi: "tax_ids",
  cs: "checkout_sessions",
  bpc: "billing_portal_configurations",
  bps: "billing_portal_sessions",
};

export function collectionOfId(id: string): Collection | undefined {
  const us = id.indexOf("_");
  return us > 0 ? PREFIX_COLLECTION[id.slice(0, us)] : undefined;
}

interface StoredObject {
  id: string;
}

export class Store {
  private maps = new Map<Collection, Map<string, StoredObject>>();
  /** Emulator-private facts about objects (card numbers, pending 3DS attempts…), keyed by object id. */
  readonly internal = new Map<string, Record<string, unknown>>();
  private saveTimer: NodeJS.Timeout | null = null;

  constructor(private readonly file: string | null) {
    for (const c of COLLECTIONS) this.maps.set(c, new Map());
    if (file && existsSync(file)) this.load(JSON.parse(readFileSync(file, "utf8")));
  }

  static forDataDir(dataDir: string | null | undefined): Store {
    if (!dataDir) return new Store(null);
    mkdirSync(dataDir, { recursive: true });
    return new Store(join(dataDir, "emulator.json"));
  }

  get<T>(collection: Collection, id: string): T | undefined {
    return this.maps.get(collection)!.get(id) as T | undefined;
  }

  /**
   * Documented parameters the current request's route does not model, written onto the object it
   * creates (the first one of that type stored, `id` null) or updates (`id`) each time it is put,
   * so the response and its events carry them.
   */
  pendingFields: { object: string; id: string | null; fields: Record<string, unknown> } | null = null;

  put<T extends StoredObject>(collection: Collection, object: T): T {
    const pending = this.pendingFields;
    if (pending && (object as { object?: string }).object === pending.object && (pending.id ??= object.id) === object.id)
      Object.assign(object, pending.fields);
    this.maps.get(collection)!.set(object.id, object);
    this.changed();
    return object;
  }

  remove(collection: Collection, id: string): void {
    this.maps.get(collection)!.delete(id);
    this.internal.delete(id);
    this.changed();
  }

  /** Newest first: insertion order reversed (objects are created with non-decreasing `created`). */
  all<T>(collection: Collection): T[] {
    return Array.from(this.maps.get(collection)!.values()).reverse() as T[];
  }

  meta<T extends Record<string, unknown>>(id: string): T {
    let m = this.internal.get(id);
    if (!m) {
      m = {};
      this.internal.set(id, m);
    }
    return m as T;
  }

  reset(keep: (collection: Collection, object: StoredObject) => boolean): void {
    for (const [name, map] of this.maps) {
      for (const [id, object] of map) {
        if (!keep(name, object)) {
          map.delete(id);
          this.internal.delete(id);
        }
      }
    }
    // Facts about objects no longer stored (deleted-object tombstones) go too.
    for (const id of [...this.internal.keys()]) if (![...this.maps.values()].some((m) => m.has(id))) this.internal.delete(id);
    this.changed();
  }

  /** Marks state dirty; writes are debounced so bursts of requests cost one write. */
  changed(): void {
    if (!this.file || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.flush();
    }, 200);
    this.saveTimer.unref();
  }

  flush(): void {
    if (!this.file) return;
    if (this.saveTimer) {
      clearTimeout(this.saveTimer);
      this.saveTimer = null;
    }
    const snapshot: Record<string, unknown> = { version: 1, internal: Object.fromEntries(this.internal) };
    for (const [name, map] of this.maps) snapshot[name] = Array.from(map.values());
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(snapshot));
    renameSync(tmp, this.file);
  }

  private load(snapshot: Record<string, unknown>): void {
    for (const c of COLLECTIONS) {
      const items = (snapshot[c] as StoredObject[] | undefined) ?? [];
      const map = this.maps.get(c)!;
      for (const item of items) map.set(item.id, item);
    }
    for (const [id, m] of Object.entries((snapshot.internal as Record<string, Record<string, unknown>>) ?? {}))
      this.internal.set(id, m);
  }
}
