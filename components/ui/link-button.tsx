import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClass } from "./button";

// Navigation that looks like a primary action ("New app").
export function LinkButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className={buttonClass("primary")}>
      {children}
    </Link>
  );
}

// The "Back" link in the header of a detail page.
export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <Link href={href} className="text-sm text-indigo-600 hover:underline">
      {label}
    </Link>
  );
}
