import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { version } from "react";

const require = createRequire(import.meta.url);
const sdkDir = path.dirname(require.resolve("@stripe/ui-extension-sdk/package.json"));
const fromSdk = (id: string) => require.resolve(id, { paths: [sdkDir] });

describe("React isolation", () => {
  it("the extension runs on React 18.3.1 (what the SDK pins), never the Next app's React 19", () => {
    expect(version).toBe("18.3.1");
  });

  it("the SDK, its reconciler and the views share one React copy (else hooks break)", () => {
    const ours = require.resolve("react");
    expect(fromSdk("react")).toBe(ours);
    for (const dependent of ["react-reconciler", "@remote-ui/react"]) {
      const dir = path.dirname(fromSdk(dependent));
      expect(require.resolve("react", { paths: [dir] }), dependent).toBe(ours);
    }
  });
});
