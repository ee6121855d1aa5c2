import type { ReactNode } from "react";

// The smallest App Router page: what every page of this Next.js version loads
// before any code of its own (bench/page-weight.ts weighs it as the baseline).
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
