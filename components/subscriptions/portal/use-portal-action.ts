"use client";
// Runs one portal action: busy state, a toast on success or failure, then the
// server-rendered page is refreshed so it shows the new state.
import { useRouter } from "next/navigation";
import { useCallback, useRef, useState } from "react";
import { useToast } from "@/components/ui/toast";

export function usePortalAction() {
  const router = useRouter();
  const toast = useToast();
  const [busy, setBusy] = useState<string | null>(null);
  const busyRef = useRef(false);

  const run = useCallback(
    async <T,>(name: string, action: () => Promise<T>, success: (result: T) => string): Promise<T | null> => {
      if (busyRef.current) return null;
      busyRef.current = true;
      setBusy(name);
      try {
        const result = await action();
        toast({ title: success(result), tone: "success" });
        router.refresh();
        return result;
      } catch (error) {
        toast({ title: (error as Error).message, tone: "error" });
        return null;
      } finally {
        busyRef.current = false;
        setBusy(null);
      }
    },
    [router, toast],
  );
  return { busy, run };
}
