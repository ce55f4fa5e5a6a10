import type { ReactNode } from "react";

const TONES = {
  indigo: "bg-indigo-100 text-indigo-900",
  emerald: "bg-emerald-100 text-emerald-900",
  amber: "bg-amber-100 text-amber-900",
  sky: "bg-sky-100 text-sky-900",
  slate: "bg-slate-100 text-slate-800",
  red: "bg-red-100 text-red-900",
} as const;

export type BadgeTone = keyof typeof TONES;

/** A short label on a list item: "New", "Wanted", "High confidence". */
export function Badge({ tone = "slate", children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold whitespace-nowrap ${TONES[tone]}`}>{children}</span>;
}
