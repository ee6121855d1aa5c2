// Present only so the repository's instrumentation.ts (Payport's env check) is not picked up; see proxy.ts.
export function register() {}
