import type { ReactNode } from "react";

export function Table({ head, children }: { head: ReactNode[]; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50">
          <tr>
            {head.map((cell, i) => (
              <th
                key={i}
                scope="col"
                className="px-3 py-2 text-left text-xs font-semibold tracking-wide whitespace-nowrap text-slate-500 uppercase"
              >
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

// `data`: the cell shows data (names, versions, images), never translated.
export function Td({ children, className, data }: { children: ReactNode; className?: string; data?: boolean }) {
  return (
    <td className={`px-3 py-2 align-top text-slate-700 ${className ?? ""}`} translate={data ? "no" : undefined}>
      {children}
    </td>
  );
}
