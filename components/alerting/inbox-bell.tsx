"use client";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useI18n } from "@/components/i18n/i18n-provider";

// The bell in the header: the reader's unread inbox count, kept current over Server-Sent Events
// (any Slipway process that delivers to them says so through the database).
export function InboxBell({ initial }: { initial: number }) {
  const { t } = useI18n();
  const [count, setCount] = useState(initial);
  useEffect(() => {
    const source = new EventSource("/api/inbox/events");
    source.addEventListener("unread", (event) => setCount(Number((event as MessageEvent<string>).data)));
    return () => source.close();
  }, []);
  return (
    <Link
      href="/inbox"
      aria-label={t("inbox.bell", { count })}
      title={t("inbox.bell", { count })}
      data-testid="inbox-bell"
      className="relative rounded-md p-1 text-slate-600 hover:bg-slate-100 hover:text-slate-900"
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        className="h-5 w-5"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.8}
      >
        <path d="M15 17h5l-1.4-1.4A2 2 0 0 1 18 14.2V11a6 6 0 1 0-12 0v3.2a2 2 0 0 1-.6 1.4L4 17h5m6 0a3 3 0 1 1-6 0" />
      </svg>
      {count > 0 ? (
        <span
          data-testid="inbox-count"
          className="absolute -right-1 -top-1 min-w-4 rounded-full bg-red-600 px-1 text-center text-[10px] font-semibold leading-4 text-white"
        >
          {count}
        </span>
      ) : null}
    </Link>
  );
}
