// Present only so the repository's instrumentation-client.ts is not bundled into the bare page; see proxy.ts.
export {};
