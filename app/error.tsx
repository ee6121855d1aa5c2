"use client";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <div role="alert" className="mx-auto max-w-md space-y-4 py-16 text-center">
      <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">Something went wrong</h1>
      <p className="text-zinc-600">
        This page couldn&rsquo;t load. No payment was made because of this error. Try again, and if it keeps happening, come back
        in a few minutes.
      </p>
      {error.digest && <p className="font-mono text-xs text-zinc-400">Reference: {error.digest}</p>}
      <Button onClick={reset}>Try again</Button>
    </div>
  );
}
