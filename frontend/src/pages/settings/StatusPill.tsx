/** A small "on/off" label next to a card's heading. */
export function StatusPill({ on, children }: { on: boolean; children: string }) {
  return (
    <span
      className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${on ? "bg-emerald-100 text-emerald-900" : "bg-amber-100 text-amber-900"}`}
    >
      {children}
    </span>
  );
}
