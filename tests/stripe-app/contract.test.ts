// stripe-app/src/contract.ts is read by two packages: the UI extension it
// lives in and the Next app. It may hold exported types only: an import would
// not resolve from stripe-app/, and runtime code would end up in the app's
// bundle from the extension's package.
import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const file = "stripe-app/src/contract.ts";
const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);

describe("the Stripe App contract", () => {
  it("has no imports and no runtime code: only exported type aliases and interfaces", () => {
    const offending = source.statements
      .filter((s) => !(ts.isTypeAliasDeclaration(s) || ts.isInterfaceDeclaration(s)) || !s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))
      .map((s) => s.getText(source).split("\n")[0]);
    expect(offending).toEqual([]);
  });

  it("the backend's view functions are typed by it", () => {
    expect(readFileSync("lib/stripe-app/queries.ts", "utf8")).toContain('from "@/stripe-app/src/contract"');
  });
});
