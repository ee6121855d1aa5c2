"use client";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";

export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="space-y-4 rounded-xl border border-red-200 bg-white p-8 text-center">
      <h1 className="text-xl font-semibold text-zinc-900">This view couldn&rsquo;t load</h1>
      <p className="text-sm text-zinc-600">Nothing was changed. Try again; if it keeps failing, check the server logs.</p>
      {error.digest && <p className="font-mono text-xs text-zinc-400">Reference: {error.digest}</p>}
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}
