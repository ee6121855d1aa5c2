import Link from "next/link";
import type { ReactNode } from "react";
import { Card, CardContent } from "@/components/ui/card";

/** The shared frame of /signin and /signup: heading, the form in a card, and the link to the other page. */
export function AuthPage({
  title,
  subtitle,
  children,
  switchPrompt,
  switchLabel,
  switchHref,
}: {
  title: string;
  subtitle: string;
  children: ReactNode;
  switchPrompt: string;
  switchLabel: string;
  switchHref: string;
}) {
  return (
    <div className="mx-auto max-w-sm space-y-6">
      <div className="space-y-1 text-center">
        <h1 className="text-2xl font-semibold tracking-tight text-zinc-900">{title}</h1>
        <p className="text-sm text-zinc-600">{subtitle}</p>
      </div>
      <Card>
        <CardContent className="space-y-5">{children}</CardContent>
      </Card>
      <p className="text-center text-sm text-zinc-600">
        {switchPrompt}{" "}
        <Link href={switchHref} className="rounded font-medium text-accent-600 hover:text-accent-700 focus-visible:outline-2">
          {switchLabel}
        </Link>
      </p>
    </div>
  );
}
