"use client";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

export function SignOutButton({ className, variant = "ghost" }: { className?: string; variant?: "ghost" | "secondary" }) {
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant={variant}
      size="md"
      className={cn("px-2 whitespace-nowrap sm:px-4", className)}
      loading={busy}
      onClick={() => {
        setBusy(true);
        void signOut({ callbackUrl: "/" });
      }}
    >
      Sign out
    </Button>
  );
}
