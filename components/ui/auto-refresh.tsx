"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";

// Re-renders the server page every few seconds (pods and events read again from the cluster);
// client state such as an open log stays as it is. A hidden tab does not ask.
export function AutoRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, seconds * 1000);
    return () => clearInterval(timer);
  }, [router, seconds]);
  return null;
}
