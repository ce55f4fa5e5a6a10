import type { RunStatus } from "../../services/runs";
import { STATUS_LABELS } from "./runText";

const STATUS_CLASSES: Record<RunStatus, string> = {
  queued: "bg-slate-100 text-slate-800",
  running: "bg-indigo-100 text-indigo-900",
  succeeded: "bg-emerald-100 text-emerald-900",
  failed: "bg-red-100 text-red-900",
};

export function RunStatusBadge({ status }: { status: RunStatus }) {
  return (
    <span className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-semibold ${STATUS_CLASSES[status]}`}>
      {STATUS_LABELS[status]}
    </span>
  );
}
