import type { Run } from "../../services/runs";
import { ProgressBar } from "../ProgressBar";
import { progressText, runKindLabel } from "./runText";

/** Where a queued or running run has got to, as text and as a bar. */
export function RunProgress({ run }: { run: Run }) {
  const text = progressText(run);
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm font-medium text-slate-900">{text}</p>
      <ProgressBar
        label={`${runKindLabel(run.kind)} progress`}
        value={run.progress_done}
        max={run.status === "running" ? run.progress_total : null}
        valueText={text}
      />
    </div>
  );
}
