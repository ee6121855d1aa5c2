#!/usr/bin/env node
// Writes the provider twins from prisma/schema.prisma (the Prisma CLI cannot
// take the provider from env, and each generated client is provider-specific).
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";

export function renderSchema(source, provider) {
  const header = "// GENERATED from prisma/schema.prisma by `npm run db:sync-schema`. Do not edit.\n";
  return header + source.replaceAll("__PROVIDER__", provider === "postgres" ? "postgresql" : "sqlite")
    .replace("lib/generated/postgresql", "lib/generated/postgres");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const source = readFileSync("prisma/schema.prisma", "utf8");
  for (const provider of ["sqlite", "postgres"]) {
    mkdirSync(`prisma/${provider}`, { recursive: true });
    writeFileSync(`prisma/${provider}/schema.prisma`, renderSchema(source, provider));
  }
  console.log("prisma/sqlite/schema.prisma and prisma/postgres/schema.prisma written");
}
