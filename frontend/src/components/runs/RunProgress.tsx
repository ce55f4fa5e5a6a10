import { useNow } from "../../hooks/useNow";
import type { Run } from "../../services/runs";
import { ProgressBar } from "../ProgressBar";
import { stepTexts } from "./liveText";
import { progressText, runKindLabel } from "./runText";

/** Where a queued or running run has got to, as text and as a bar, with its steps' counts. */
export function RunProgress({ run }: { run: Run }) {
  // Ticks only while a wait is shown, so the countdown and its end show without a new event.
  const now = useNow(1000, run.live?.waiting != null);
  const text = progressText(run, now);
  const steps = stepTexts(run);
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm font-medium text-slate-900">{text}</p>
      <ProgressBar
        label={`${runKindLabel(run.kind)} progress`}
        value={run.progress_done}
        max={run.status === "running" ? run.progress_total : null}
        valueText={text}
      />
      {steps.length > 0 && (
        <ul aria-label="Progress per source" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
          {steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
