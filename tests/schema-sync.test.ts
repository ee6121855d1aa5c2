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
