// Driver-adapter factories for the Prisma CLI (JS schema engine, `engine: "js"`).
// Used only by prisma.config.ts (migrate deploy/diff/dev, db push). The app's
// runtime client uses the plain adapters (lib/db.ts).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

type Factory = PrismaBetterSQLite3 | PrismaPg;
type Adapter = Awaited<ReturnType<Factory["connect"]>>;
type MigrationFactory = Pick<Factory, "provider" | "adapterName" | "connect" | "connectToShadowDb">;

function wrapFactory(base: Factory, patch: (a: Adapter) => Adapter): MigrationFactory {
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => patch(await base.connect()),
    connectToShadowDb: async () => patch(await base.connectToShadowDb()),
  };
}

// @prisma/adapter-better-sqlite3@6.19.x: the schema engine replays existing
// migrations into the shadow DB through executeRaw(), which uses
// better-sqlite3 prepare() and rejects multi-statement SQL ("more than one
// statement") -> `migrate dev` / `migrate diff --from-migrations` fail with
// P3006; `migrate reset` fails the same way (P3016). This factory is used only
// by the CLI, so run arg-less SQL via exec() on every connection it opens.
export function sqliteMigrationAdapter(url: string) {
  return wrapFactory(new PrismaBetterSQLite3({ url }), (adapter) => {
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      if (query.args.length > 0) return executeRaw(query);
      await adapter.executeScript(query.sql);
      return 0;
    };
    return adapter;
  });
}

// @prisma/adapter-pg@6.19.x (prisma/orm#27403): the schema engine's catalog
// queries return Postgres-internal column types the adapter does not map
// (`name`, `"char"`, ...) -> every migrate/db command fails with
// "Column type 'name' could not be deserialized from the database".
// Report them as text / text[] (their text-protocol values are plain strings).
const TEXT = 25, TEXT_ARRAY = 1009;
const AS_TEXT = new Set([18 /* "char" */, 19 /* name */, 22 /* int2vector */, 30 /* oidvector */, 194 /* pg_node_tree */, 2205 /* regclass */, 2206 /* regtype */]);
const AS_TEXT_ARRAY = new Set([1002 /* "char"[] */, 1003 /* name[] */]);
type PgResult = { fields: { dataTypeID: number }[] };
function patchPgQueryable<T>(q: T): T {
  const target = q as unknown as { performIO: (query: unknown) => Promise<PgResult>; startTransaction?: (...a: unknown[]) => Promise<unknown> };
  const performIO = target.performIO.bind(target);
  target.performIO = async (query) => {
    const result = await performIO(query);
    for (const f of result?.fields ?? []) {
      if (AS_TEXT.has(f.dataTypeID)) f.dataTypeID = TEXT;
      else if (AS_TEXT_ARRAY.has(f.dataTypeID)) f.dataTypeID = TEXT_ARRAY;
    }
    return result;
  };
  if (target.startTransaction) {
    const start = target.startTransaction.bind(target);
    target.startTransaction = async (...a) => patchPgQueryable(await start(...a));
  }
  return q;
}
// @prisma/adapter-pg@6.19.x: connectToShadowDb() creates the temporary shadow
// database but then connects with `{ ...config, database }`; with a
// `connectionString` config, pg ignores `database`, so the "shadow" pool hits
// the MAIN database (P3006 "relation already exists" from migrate dev/diff).
// Re-implement it with a connection string that names the shadow database.
export function pgMigrationAdapter(connectionString: string): MigrationFactory {
  const base = new PrismaPg({ connectionString });
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: async () => patchPgQueryable(await base.connect()),
    async connectToShadowDb() {
      const admin = await base.connect();
      const name = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID()}`;
      await admin.executeScript(`CREATE DATABASE "${name}"`);
      const url = new URL(connectionString);
      url.pathname = `/${name}`;
      const shadow = patchPgQueryable(await new PrismaPg({ connectionString: url.toString() }).connect());
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        await admin.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
        await admin.dispose();
      };
      return shadow;
    },
  };
}
