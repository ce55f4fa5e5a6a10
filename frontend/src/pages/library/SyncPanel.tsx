import { Button } from "../../components/Button";
import { FormAlert } from "../../components/FormAlert";
import { RunProgress } from "../../components/runs/RunProgress";
import { countsText, statsText } from "../../components/runs/runText";
import { TextLink } from "../../components/TextLink";
import { useCredentials } from "../../hooks/useCredentials";
import { useSync } from "../../hooks/useSync";
import { formatDateTime } from "../../lib/format";
import type { LibraryKind } from "../../services/library";
import { isRunActive, type Run } from "../../services/runs";
import { LIBRARY_TEXT } from "./libraryText";

function LastSync({ run, pending }: { run: Run | null; pending: boolean }) {
  if (pending) return <>Checking when it was last synced…</>;
  if (run === null) return <>Not synced yet.</>;
  const when = run.finished_at ?? run.created_at;
  const time = <time dateTime={when}>{formatDateTime(when)}</time>;
  if (run.status === "succeeded") return <>Last synced {time}: {countsText(run)}.</>;
  if (run.status === "failed") return <>The last sync failed ({time}).</>;
  return <>A sync is in progress.</>;
}

/** "Sync now", the progress of the sync being followed, and its outcome. */
export function SyncPanel({ kind }: { kind: LibraryKind }) {
  const sync = useSync(kind);
  const { run } = sync;
  const text = LIBRARY_TEXT[kind];
  // Known only once the credentials have loaded; until then the button stays usable and the
  // backend's answer says what is missing.
  const credentials = useCredentials();
  const notLinked = credentials.data?.find((status) => status.service === "discogs")?.configured === false;

  return (
    <section aria-labelledby="sync-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 flex-1">
          <h2 id="sync-heading" className="text-base font-semibold text-slate-900">
            Sync with Discogs
          </h2>
          <p className="mt-1 text-sm text-slate-700">
            {run === undefined ? <LastSync run={sync.latest} pending={sync.latestPending} /> : `Copies ${text.onDiscogs} into VinylDigger.`}
          </p>
        </div>
        <Button onClick={sync.start} busy={sync.busy} disabled={notLinked} aria-describedby={notLinked ? "sync-needs-discogs" : undefined}>
          {run !== undefined && isRunActive(run) ? "Syncing…" : "Sync now"}
        </Button>
      </div>
      {notLinked && sync.problem === null && (
        <p id="sync-needs-discogs" className="mt-3 text-sm text-slate-700">
          Link your Discogs account first; the first sync then starts by itself.{" "}
          <TextLink to="/settings#credentials">Go to Settings</TextLink>
        </p>
      )}
      <div role="status" className="mt-3 empty:mt-0">
        {run !== undefined && isRunActive(run) && <RunProgress run={run} />}
        {run?.status === "succeeded" && (
          <p className="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-950">
            Sync finished: {countsText(run)}. {statsText(run)}.
          </p>
        )}
      </div>
      {run?.status === "failed" && (
        <div className="mt-3">
          <FormAlert>
            The sync failed: {run.error ?? "no reason was given"}. {statsText(run)}.
          </FormAlert>
        </div>
      )}
      {sync.problem === "discogs_not_linked" && (
        <div className="mt-3">
          <FormAlert>
            Link your Discogs account first. <TextLink to="/settings#credentials">Go to Settings</TextLink>
          </FormAlert>
        </div>
      )}
    </section>
  );
}
