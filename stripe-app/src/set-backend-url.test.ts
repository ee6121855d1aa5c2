import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..");
const script = path.join(root, "scripts", "set-backend-url.mjs");

describe("scripts/set-backend-url.mjs", () => {
  it("points BACKEND_URL and connect-src at <origin>/api/stripe-app, together", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "payport-manifest-")), "stripe-app.json");
    copyFileSync(path.join(root, "stripe-app.json"), file);
    execFileSync(process.execPath, [script, "https://shop.example.org", file], { encoding: "utf8" });
    const manifest = JSON.parse(readFileSync(file, "utf8"));
    expect(manifest.constants.BACKEND_URL).toBe("https://shop.example.org/api/stripe-app");
    expect(manifest.ui_extension.content_security_policy["connect-src"]).toEqual(["https://shop.example.org/api/stripe-app/"]);
    expect(manifest.ui_extension.content_security_policy.purpose).toBeTruthy();
    expect(manifest.permissions).toEqual(JSON.parse(readFileSync(path.join(root, "stripe-app.json"), "utf8")).permissions);
  });

  it("refuses anything but a bare http(s) origin", () => {
    for (const bad of ["shop.example.org", "https://shop.example.org/api", "ftp://shop.example.org"]) {
      expect(() => execFileSync(process.execPath, [script, bad, "/nonexistent.json"], { stdio: "pipe" }), bad).toThrow();
    }
  });
});
