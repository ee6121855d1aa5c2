// One project, two providers; DATABASE_URL decides:
//   file:./prisma/dev.db (default)   -> prisma/sqlite/{schema.prisma,migrations}
//   postgres(ql)://…                 -> prisma/postgres/{schema.prisma,migrations}
// Both use the JS schema engine with driver adapters, so the CLI never
// downloads an engine binary (Prisma 6.19).
import { existsSync } from "node:fs";
import path from "node:path";
import { defineConfig } from "prisma/config";
import { pgMigrationAdapter, sqliteMigrationAdapter } from "./prisma/migration-adapters";

// With a config file Prisma skips .env loading; load it ourselves (real env wins).
if (existsSync(".env")) process.loadEnvFile(".env");

// Keep DATABASE_URL set: when env("DATABASE_URL") cannot be resolved the 6.19
// CLI falls back to library-engine defaults and tries to download binaries.
process.env.DATABASE_URL ??= "file:./prisma/dev.db";
const url = process.env.DATABASE_URL;
const provider = /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";

export default defineConfig({
  experimental: { adapter: true },
  schema: path.join("prisma", provider, "schema.prisma"),
  migrations: { path: path.join("prisma", provider, "migrations") },
  engine: "js",
  adapter: async () => (provider === "postgres" ? pgMigrationAdapter(url) : sqliteMigrationAdapter(url)),
});
