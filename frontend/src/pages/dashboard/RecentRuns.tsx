import { RunStatusBadge } from "../../components/runs/RunStatusBadge";
import { countsText, progressText, runKindLabel } from "../../components/runs/runText";
import { TextLink } from "../../components/TextLink";
import { useLiveRun } from "../../hooks/useLiveRun";
import { useRunList } from "../../hooks/useRuns";
import { formatDateTime } from "../../lib/format";
import { isRunActive, type Run } from "../../services/runs";

function outcome(run: Run): string {
  if (isRunActive(run)) return progressText(run);
  if (run.status === "failed") return run.error ?? "Failed without a reason.";
  return countsText(run);
}

function RunRow({ run }: { run: Run }) {
  const when = run.finished_at ?? run.started_at ?? run.created_at;
  return (
    <li className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 border-t border-slate-100 py-3 first:border-t-0">
      <div className="min-w-0">
        <p className="font-medium text-slate-900">
          {runKindLabel(run.kind)} <span className="font-normal text-slate-600">· <time dateTime={when}>{formatDateTime(when)}</time></span>
        </p>
        <p className="truncate text-sm text-slate-700">{outcome(run)}</p>
      </div>
      <RunStatusBadge status={run.status} />
    </li>
  );
}

function LiveRunRow({ run: listed }: { run: Run }) {
  const { run } = useLiveRun(listed.id, listed);
  return <RunRow run={run ?? listed} />;
}

/** The latest syncs and searches with their status; running ones update live. */
export function RecentRuns() {
  const runs = useRunList({ perPage: 5 });
  return (
    <section aria-labelledby="recent-runs-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <div className="flex items-center justify-between gap-2">
        <h2 id="recent-runs-heading" className="text-base font-semibold text-slate-900">
          Recent runs
        </h2>
        <TextLink to="/runs">All runs</TextLink>
      </div>
      {runs.data === undefined ? (
        <p role="status" className="mt-3 text-sm text-slate-700">
          {runs.isError ? "Could not load the runs." : "Loading runs…"}
        </p>
      ) : runs.data.items.length === 0 ? (
        <p className="mt-3 text-sm text-slate-700">Nothing has run yet. Syncs and searches show up here.</p>
      ) : (
        <ul aria-label="Recent runs" className="mt-2">
          {runs.data.items.map((run) => (isRunActive(run) ? <LiveRunRow key={run.id} run={run} /> : <RunRow key={run.id} run={run} />))}
        </ul>
      )}
    </section>
  );
}
