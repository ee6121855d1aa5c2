// instrumentation-client.ts switches zod to jitless without importing zod (it
// is in every page's start-up bundle): the setting must land where zod reads it.
import { expect, it } from "vitest";
import { config } from "zod/v4/core";

it("the browser start-up code makes zod jitless, also when zod was loaded first", async () => {
  const before = config();
  await import("@/instrumentation-client");
  expect(config()).toBe(before);
  expect(config().jitless).toBe(true);
});
