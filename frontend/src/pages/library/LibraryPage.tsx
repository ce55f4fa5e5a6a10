import { Pagination } from "../../components/Pagination";
import { SearchBox } from "../../components/SearchBox";
import { useLibraryCounts, useLibraryPage, useLibraryPressings } from "../../hooks/useLibrary";
import { useListParams } from "../../hooks/useListParams";
import { usePageTitle } from "../../hooks/usePageTitle";
import { plural } from "../../lib/format";
import type { LibraryKind } from "../../services/library";
import { columnsFor } from "./columns";
import { LibraryEmptyState } from "./LibraryEmptyState";
import { LibraryTable } from "./LibraryTable";
import { PressingProgressNote } from "./PressingProgressNote";
import { SortSelect } from "./SortSelect";
import { SyncPanel } from "./SyncPanel";
import { FIRST_ORDER, LIBRARY_SORTS, LIBRARY_TEXT, PER_PAGE } from "./libraryText";

/** The want list or the collection: search, sort and pages in the address, and syncing. */
export function LibraryPage({ kind }: { kind: LibraryKind }) {
  const text = LIBRARY_TEXT[kind];
  usePageTitle(text.title);
  const { params, setQuery, sortBy, hrefForPage, update } = useListParams({
    sorts: LIBRARY_SORTS,
    defaultSort: "added",
    firstOrder: FIRST_ORDER,
  });
  const page = useLibraryPage(kind, { ...params, perPage: PER_PAGE });
  const counts = useLibraryCounts();
  const pressings = useLibraryPressings();
  const data = page.data;
  const total = counts.data?.[kind];

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{text.title}</h1>
        <p className="mt-1 text-slate-700">
          {total === undefined ? "\u00a0" : `${plural(total, text.one, text.many)} mirrored from ${text.onDiscogs}.`}
        </p>
        <PressingProgressNote progress={pressings.data?.[kind]} />
      </div>
      <SyncPanel kind={kind} />
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <SearchBox label={text.searchLabel} value={params.q} onSearch={setQuery} placeholder="Artist, title or label" />
        <SortSelect sort={params.sort} order={params.order} onChange={(sort, order) => { update({ sort, order, page: 1 }); }} />
      </div>
      {page.isError && data === undefined ? (
        <p className="text-sm text-slate-700">
          Could not load your {text.title.toLowerCase()}.{" "}
          <button type="button" className="font-semibold text-indigo-800 underline" onClick={() => void page.refetch()}>
            Try again
          </button>
        </p>
      ) : data?.total === 0 ? (
        <LibraryEmptyState kind={kind} query={params.q} onClearSearch={() => { setQuery(""); }} />
      ) : (
        <>
          <LibraryTable
            caption={text.title}
            columns={columnsFor(kind)}
            items={data?.items}
            sort={params.sort}
            order={params.order}
            onSort={sortBy}
            refreshing={page.isPlaceholderData}
          />
          {data && (
            <Pagination
              page={data.page}
              pages={data.pages}
              total={data.total}
              perPage={data.per_page}
              hrefFor={hrefForPage}
              noun={data.total === 1 ? text.one : text.many}
            />
          )}
        </>
      )}
    </div>
  );
}
