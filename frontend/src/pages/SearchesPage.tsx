import { useState } from "react";
import { useSearchParams } from "react-router";
import { ButtonLink } from "../components/ButtonLink";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { EmptyState } from "../components/EmptyState";
import { Pagination } from "../components/Pagination";
import { useDeleteSearch, useSearchList } from "../hooks/useSearches";
import { usePageTitle } from "../hooks/usePageTitle";
import { describeError } from "../lib/api/errors";
import { toast } from "../lib/toast";
import type { SavedSearch } from "../services/searches";
import { SearchCard } from "./searches/SearchCard";

const PER_PAGE = 20;

export default function SearchesPage() {
  usePageTitle("Searches");
  const [searchParams] = useSearchParams();
  const pageParam = Number(searchParams.get("page"));
  const page = Number.isInteger(pageParam) && pageParam > 1 ? pageParam : 1;
  const searches = useSearchList(page, PER_PAGE);
  const remove = useDeleteSearch();
  const [deleting, setDeleting] = useState<SavedSearch | null>(null);
  const data = searches.data;

  async function confirmDelete(search: SavedSearch) {
    try {
      await remove.mutateAsync(search.id);
      toast.success(`“${search.name}” deleted.`);
    } catch (error) {
      toast.error(describeError(error));
    } finally {
      setDeleting(null);
    }
  }

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">Searches</h1>
          <p className="mt-1 text-slate-700">Saved searches that look for records across Discogs and eBay on a schedule.</p>
        </div>
        <ButtonLink to="/searches/new">New search</ButtonLink>
      </div>
      {data === undefined ? (
        searches.isError ? (
          <p className="text-sm text-slate-700">
            Could not load your searches.{" "}
            <button type="button" className="font-semibold text-indigo-800 underline" onClick={() => void searches.refetch()}>
              Try again
            </button>
          </p>
        ) : (
          <ul aria-hidden="true" className="flex flex-col gap-3">
            {[0, 1].map((index) => (
              <li key={index} className="h-40 animate-pulse rounded-lg border border-slate-200 bg-white" />
            ))}
          </ul>
        )
      ) : data.total === 0 ? (
        <EmptyState title="No saved searches yet" action={<ButtonLink to="/searches/new">Create your first search</ButtonLink>}>
          A search can look for every record on your want list, or for keywords, within a price range and condition you
          choose.
        </EmptyState>
      ) : (
        <>
          <ul aria-label="Saved searches" aria-busy={searches.isPlaceholderData} className="flex flex-col gap-3">
            {data.items.map((search) => (
              <li key={search.id}>
                <SearchCard search={search} onDelete={() => { setDeleting(search); }} />
              </li>
            ))}
          </ul>
          <Pagination
            page={data.page}
            pages={data.pages}
            total={data.total}
            perPage={data.per_page}
            hrefFor={(target) => ({ search: target > 1 ? `?page=${target}` : "" })}
            noun={data.total === 1 ? "search" : "searches"}
          />
        </>
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete “${deleting.name}”?`}
          message="The search and its schedule are removed. This cannot be undone."
          confirmLabel="Delete search"
          busy={remove.isPending}
          onConfirm={() => void confirmDelete(deleting)}
          onCancel={() => { setDeleting(null); }}
        />
      )}
    </div>
  );
}
