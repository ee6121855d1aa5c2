// lib/stripe-app/contract.ts is read by two packages: the Next app and the UI
// extension in stripe-app/ (through a tsconfig path). It may hold exported
// types only: an import would not resolve from stripe-app/, and runtime code
// would have to be bundled into the extension from outside its package.
import { readFileSync } from "node:fs";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const file = "lib/stripe-app/contract.ts";
const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);

describe("the Stripe App contract", () => {
  it("has no imports and no runtime code: only exported type aliases and interfaces", () => {
    const offending = source.statements
      .filter((s) => !(ts.isTypeAliasDeclaration(s) || ts.isInterfaceDeclaration(s)) || !s.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))
      .map((s) => s.getText(source).split("\n")[0]);
    expect(offending).toEqual([]);
  });

  it("stripe-app resolves it through the path its tsconfig declares", () => {
    const { config, error } = ts.readConfigFile("stripe-app/tsconfig.json", ts.sys.readFile);
    expect(error).toBeUndefined();
    expect(config.compilerOptions.paths["@payport/stripe-app-contract"]).toEqual([`../${file}`]);
  });
});
