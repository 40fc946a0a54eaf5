"use client";
import Link from "next/link";
import { EngineText } from "@/components/i18n/message-text";
import { Time } from "@/components/i18n/time";
import { ReleaseStatus } from "./release-status";

// One release in a line: number, status, image, when, and what it was about.
export function ReleaseLine({
  release,
  testId,
}: {
  release: {
    id: string;
    number: number;
    status: string;
    image: string | null;
    createdAt: Date | string;
    description: string;
    descriptionMessage?: unknown;
  };
  testId: string;
}) {
  return (
    <div className="space-y-0.5" data-testid={testId}>
      <p className="flex flex-wrap items-center gap-2">
        <Link href={`/releases/${release.id}`} className="font-medium text-indigo-700 hover:underline">
          #{release.number}
        </Link>
        <ReleaseStatus status={release.status} />
        <span className="font-mono text-xs break-all" translate="no">
          {release.image}
        </span>
        <span className="text-xs text-slate-500">
          <Time value={release.createdAt} />
        </span>
      </p>
      {release.description || release.descriptionMessage ? (
        <p className="text-xs text-slate-500">
          <EngineText message={release.descriptionMessage} text={release.description} description />
        </p>
      ) : null}
    </div>
  );
}
