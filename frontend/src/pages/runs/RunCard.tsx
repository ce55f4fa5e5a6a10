import { RunProgress } from "../../components/runs/RunProgress";
import { RunStatusBadge } from "../../components/runs/RunStatusBadge";
import { countsText, runDuration, runKindLabel, statsText } from "../../components/runs/runText";
import { useLiveRun } from "../../hooks/useLiveRun";
import { useNow } from "../../hooks/useNow";
import { formatDateTime } from "../../lib/format";
import { isRunActive, type Run } from "../../services/runs";
import { platformTexts, searchRunCounts } from "../results/searchRunText";

function RunDetails({ run, now }: { run: Run; now?: number }) {
  const headingId = `run-${run.id}-heading`;
  const active = isRunActive(run);
  const duration = runDuration(run, now);
  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          {runKindLabel(run.kind)} <span className="font-normal text-slate-600">#{run.id}</span>
        </h2>
        <RunStatusBadge status={run.status} />
      </div>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-700">Requested</dt>
        <dd className="text-slate-900">
          <time dateTime={run.created_at}>{formatDateTime(run.created_at)}</time>
        </dd>
        {duration !== null && (
          <>
            <dt className="text-slate-700">{active ? "Running for" : "Took"}</dt>
            <dd className="text-slate-900">{duration}</dd>
          </>
        )}
        {run.attempts > 1 && (
          <>
            <dt className="text-slate-700">Attempts</dt>
            <dd className="text-slate-900">{run.attempts}</dd>
          </>
        )}
        {run.status === "succeeded" && (
          <>
            <dt className="text-slate-700">Changes</dt>
            <dd className="text-slate-900">{countsText(run)}</dd>
          </>
        )}
        {run.status === "succeeded" && run.search && (
          <>
            <dt className="text-slate-700">Sources</dt>
            <dd className="text-slate-900">
              <ul aria-label="Counts per source">
                {platformTexts(searchRunCounts(run)).map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
        {!active && (
          <>
            <dt className="text-slate-700">{run.kind === "basket_plan" ? "Solver" : "Upstream"}</dt>
            <dd className="text-slate-900">{statsText(run)}</dd>
          </>
        )}
      </dl>
      {active && (
        <div className="mt-3">
          <RunProgress run={run} />
        </div>
      )}
      {run.status === "queued" && run.retry_at && run.error && (
        <p className="mt-3 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">
          <span className="font-semibold">Last attempt:</span> {run.error}
        </p>
      )}
      {run.status === "failed" && (
        <p className="mt-3 rounded-md bg-red-50 px-4 py-3 text-sm text-red-900">
          <span className="font-semibold">Error:</span> {run.error ?? "No reason was recorded."}
        </p>
      )}
    </article>
  );
}

/** A run still in progress: its card follows the run live and shows the time ticking. */
function LiveRunCard({ run: listed }: { run: Run }) {
  const { run } = useLiveRun(listed.id, listed);
  const current = run ?? listed;
  const now = useNow(1000, isRunActive(current));
  return <RunDetails run={current} now={now} />;
}

export function RunCard({ run }: { run: Run }) {
  return isRunActive(run) ? <LiveRunCard run={run} /> : <RunDetails run={run} />;
}
