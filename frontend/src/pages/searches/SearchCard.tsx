import { Button } from "../../components/Button";
import { ButtonLink } from "../../components/ButtonLink";
import { formatDateTime } from "../../lib/format";
import type { SavedSearch } from "../../services/searches";
import { StatusPill } from "../settings/StatusPill";
import { criteriaSummary } from "./criteriaSummary";
import { intervalLabel } from "./searchForm";

/** A saved search in the list: what it looks for, its schedule, and edit or delete it. */
export function SearchCard({ search, onDelete }: { search: SavedSearch; onDelete: () => void }) {
  const headingId = `search-${search.id}-heading`;
  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-base font-semibold text-slate-900">
          {search.name}
        </h2>
        <StatusPill on={search.is_active}>{search.is_active ? "Active" : "Paused"}</StatusPill>
      </div>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {criteriaSummary(search.criteria).map((line) => (
          <div key={line.label} className="contents">
            <dt className="text-slate-700">{line.label}</dt>
            <dd className="text-slate-900">{line.value}</dd>
          </div>
        ))}
        <dt className="text-slate-700">Schedule</dt>
        <dd className="text-slate-900">
          {intervalLabel(search.check_interval_hours)}
          {search.is_active && search.next_run_at && (
            <>
              {" "}
              · next <time dateTime={search.next_run_at}>{formatDateTime(search.next_run_at)}</time>
            </>
          )}
        </dd>
      </dl>
      <div className="mt-4 flex flex-wrap gap-2">
        <ButtonLink to={`/searches/${search.id}/results`} aria-label={`Results of ${search.name}`}>
          Results
        </ButtonLink>
        <ButtonLink to={`/searches/${search.id}`} variant="secondary" aria-label={`Edit ${search.name}`}>
          Edit
        </ButtonLink>
        <Button variant="ghost" className="text-red-800 hover:bg-red-50" aria-label={`Delete ${search.name}`} onClick={onDelete}>
          Delete
        </Button>
      </div>
    </article>
  );
}
