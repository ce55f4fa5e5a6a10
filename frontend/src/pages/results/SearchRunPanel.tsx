import { Button } from "../../components/Button";
import { FormAlert } from "../../components/FormAlert";
import { RunProgress } from "../../components/runs/RunProgress";
import { TextLink } from "../../components/TextLink";
import { useLibraryPressings } from "../../hooks/useLibrary";
import { useSearchRun } from "../../hooks/useSearchRun";
import { formatDateTime } from "../../lib/format";
import { isRunActive, type Run } from "../../services/runs";
import { pressingsPendingText } from "../../lib/pressingProgressText";
import { failedSourceText, platformTexts, resultsText, searchRunCounts } from "./searchRunText";

function LastRun({ run, pending }: { run: Run | null; pending: boolean }) {
  if (pending) return <>Checking when it last ran…</>;
  if (run === null) return <>It has not run yet.</>;
  const when = run.finished_at ?? run.created_at;
  const time = <time dateTime={when}>{formatDateTime(when)}</time>;
  if (run.status === "succeeded") return <>Last run {time}: {resultsText(searchRunCounts(run))}.</>;
  if (run.status === "failed") return <>The last run failed ({time}).</>;
  return <>A run is in progress.</>;
}

function Outcome({ run }: { run: Run }) {
  const counts = searchRunCounts(run);
  return (
    <div className="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-950">
      <p className="font-semibold">Search finished: {resultsText(counts)}.</p>
      {counts.platforms.length > 0 && (
        <ul className="mt-1 list-inside list-disc">
          {platformTexts(counts).map((text) => (
            <li key={text}>{text}</li>
          ))}
        </ul>
      )}
      {counts.failedSources.length > 0 && (
        <details className="mt-2">
          <summary className="cursor-pointer font-medium">Sources that failed</summary>
          <ul className="mt-1 list-inside list-disc">
            {counts.failedSources.map((failed) => (
              <li key={failed.source}>{failedSourceText(failed)}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/** "Run now", the live progress of the run being followed, and what it found. */
export function SearchRunPanel({ searchId }: { searchId: number }) {
  const search = useSearchRun(searchId);
  const { run } = search;
  const active = run !== undefined && isRunActive(run);
  const neverRun = run === undefined && !search.latestPending && search.latest === null;
  const pressings = useLibraryPressings();
  const pressingsPending = pressings.data ? pressingsPendingText(pressings.data.wants) : null;

  return (
    <section
      aria-labelledby="run-heading"
      className={`rounded-lg border p-4 sm:p-5 ${neverRun ? "border-indigo-300 bg-indigo-50" : "border-slate-200 bg-white"}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1">
          <h2 id="run-heading" className="text-base font-semibold text-slate-900">
            Run the search
          </h2>
          <p className="mt-1 text-sm text-slate-700">
            {run === undefined ? <LastRun run={search.latest} pending={search.latestPending} /> : "Looks for listings on the marketplaces now."}
          </p>
          {neverRun && (
            <p className="mt-1 text-sm font-medium text-indigo-950">
              Run it now to see what is for sale; after that it also runs on its own schedule.
            </p>
          )}
          {pressingsPending !== null && <p className="mt-1 text-sm text-slate-700">{pressingsPending}</p>}
        </div>
        <Button onClick={search.start} busy={search.busy}>
          {active ? "Running…" : "Run now"}
        </Button>
      </div>
      <div role="status" className="mt-3 empty:mt-0">
        {active && <RunProgress run={run} />}
        {run?.status === "succeeded" && <Outcome run={run} />}
      </div>
      {run?.status === "failed" && (
        <div className="mt-3">
          <FormAlert>The search failed: {run.error ?? "no reason was given"}. The results below are from the run before.</FormAlert>
        </div>
      )}
      {search.blockedBy !== null && (
        <div className="mt-3">
          <FormAlert>
            Another of your searches is running (run #{search.blockedBy.id}); one search runs at a time. Try again when it has finished, or
            follow it on the <TextLink to="/runs">Runs</TextLink> page.
          </FormAlert>
        </div>
      )}
    </section>
  );
}
