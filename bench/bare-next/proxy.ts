// Turbopack looks for proxy.ts and instrumentation.ts in the parent folders too,
// and would bundle the repository's; these stand-ins keep the bare app bare.
// The matcher names a path nobody requests, so the proxy never runs.
import { NextResponse } from "next/server";

export function proxy() {
  return NextResponse.next();
}

export const config = { matcher: ["/__bare-next-never"] };
