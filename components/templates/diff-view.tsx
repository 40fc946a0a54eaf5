import type { DiffLine } from "@/lib/diff/line-diff";
import { cn } from "@/components/ui/cn";

// A unified diff; unchanged runs longer than 6 lines are folded to their first and last 3.
export function DiffView({ lines, testId }: { lines: DiffLine[]; testId?: string }) {
  const shown: (DiffLine | { kind: "fold"; count: number })[] = [];
  for (let i = 0; i < lines.length;) {
    let j = i;
    while (j < lines.length && lines[j]!.kind === "same") j++;
    const run = j - i;
    if (run > 6) {
      shown.push(...lines.slice(i, i + 3), { kind: "fold", count: run - 6 }, ...lines.slice(j - 3, j));
    } else {
      shown.push(...lines.slice(i, j));
    }
    if (j < lines.length) shown.push(lines[j]!);
    i = j + 1;
  }
  return (
    <pre
      data-testid={testId}
      className="overflow-x-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-200"
    >
      {shown.map((line, index) =>
        line.kind === "fold" ? (
          <div key={index} className="text-slate-500">
            ⋯ {line.count}
          </div>
        ) : (
          <div
            key={index}
            className={cn(
              line.kind === "added" && "bg-green-950 text-green-300",
              line.kind === "removed" && "bg-red-950 text-red-300",
            )}
          >
            {line.kind === "added" ? "+ " : line.kind === "removed" ? "- " : "  "}
            {line.text}
          </div>
        ),
      )}
    </pre>
  );
}
