import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
// @ts-expect-error plain ESM script without type declarations
import { renderSchema } from "../scripts/sync-postgres-schema.mjs";
import { migrationNames } from "./helpers/db";

const source = readFileSync("prisma/schema.prisma", "utf8");

it.each(["sqlite", "postgres"] as const)("prisma/%s/schema.prisma is the rendered main schema (run npm run db:sync-schema)", (provider) => {
  expect(readFileSync(`prisma/${provider}/schema.prisma`, "utf8")).toBe(renderSchema(source, provider));
});

it("the SQLite and PostgreSQL migration folders hold the same migrations", () => {
  expect(migrationNames("postgres")).toEqual(migrationNames("sqlite"));
  expect(migrationNames("sqlite").length).toBeGreaterThan(0);
});

// `prisma migrate deploy` on PostgreSQL (the JS schema engine) splits a migration
// at every `;`, comments included: "-- a; b" became a statement "b" and the
// deploy failed with a syntax error, though the tests' own setup (one exec) passed.
it("no migration has a semicolon inside a comment", () => {
  const offenders: string[] = [];
  for (const provider of ["sqlite", "postgres"] as const)
    for (const name of migrationNames(provider)) {
      const sql = readFileSync(`prisma/${provider}/migrations/${name}/migration.sql`, "utf8");
      sql.split("\n").forEach((line, i) => {
        if (/^\s*--.*;/.test(line)) offenders.push(`${provider}/${name}:${i + 1}`);
      });
    }
  expect(offenders).toEqual([]);
});
