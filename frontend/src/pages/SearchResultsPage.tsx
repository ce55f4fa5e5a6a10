import { useParams } from "react-router";
import { EmptyState } from "../components/EmptyState";
import { FxNotice } from "../components/FxNotice";
import { Pagination } from "../components/Pagination";
import { SelectField } from "../components/SelectField";
import { TextLink } from "../components/TextLink";
import { usePageTitle } from "../hooks/usePageTitle";
import { useMatchDecision, useResultPage } from "../hooks/useSearchResults";
import { useSearch } from "../hooks/useSearches";
import { ApiError } from "../lib/api/errors";
import { plural } from "../lib/format";
import { SORT_LABELS } from "../lib/marketText";
import type { ResultSort } from "../services/results";
import { activeFilterCount, RESULT_SORTS, useResultParams } from "./results/resultParams";
import { ResultFilters } from "./results/ResultFilters";
import { ResultList } from "./results/ResultList";
import { ResultsEmptyState } from "./results/ResultsEmptyState";
import { SearchRunPanel } from "./results/SearchRunPanel";

const PER_PAGE = 25;
const SORT_OPTIONS = RESULT_SORTS.map((value) => ({ value, label: SORT_LABELS[value] }));

function SearchResults({ searchId }: { searchId: number }) {
  const search = useSearch(searchId);
  const name = search.data?.name;
  usePageTitle(name ? `Results of ${name}` : "Search results");
  const { filters, defaultGrade, sort, page, setFilters, setSort, clearFilters, hrefForPage } = useResultParams();
  const results = useResultPage(searchId, { ...filters, sort, page, perPage: PER_PAGE });
  const decision = useMatchDecision(searchId);
  const data = results.data;
  const filtered = activeFilterCount(filters, defaultGrade) > 0;

  if (search.error instanceof ApiError && search.error.status === 404) {
    return (
      <EmptyState title="Search not found">
        It may have been deleted. Go back to <TextLink to="/searches">your searches</TextLink>.
      </EmptyState>
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <div>
        <p className="text-sm">
          <TextLink to="/searches">Searches</TextLink>
        </p>
        <h1 className="mt-1 text-2xl font-bold break-words text-slate-900">{name ?? "Search results"}</h1>
        <p className="mt-1 text-slate-700">
          What this search found for sale. Also see <TextLink to={`/sellers?search=${searchId}`}>the sellers with most of your wants</TextLink>.
        </p>
      </div>
      <FxNotice />
      <SearchRunPanel searchId={searchId} />
      <ResultFilters filters={filters} defaultGrade={defaultGrade} onChange={setFilters} onClear={clearFilters} />
      <div className="flex flex-wrap items-end justify-between gap-3">
        <p role="status" className="text-sm font-medium text-slate-900">
          {data === undefined ? "Loading results…" : `${plural(data.total, "result")}${filtered ? " match the filters" : ""}`}
        </p>
        <SelectField
          label="Sort"
          className="sm:w-56"
          options={SORT_OPTIONS}
          value={sort}
          onChange={(event) => { setSort(event.target.value as ResultSort); }}
        />
      </div>
      {results.isError && data === undefined ? (
        <p className="text-sm text-slate-700">
          Could not load the results.{" "}
          <button type="button" className="font-semibold text-indigo-800 underline" onClick={() => void results.refetch()}>
            Try again
          </button>
        </p>
      ) : data?.total === 0 ? (
        <ResultsEmptyState filtered={filtered} onClearFilters={clearFilters} />
      ) : (
        <>
          <ResultList
            items={data?.items}
            caption={`Results, ${SORT_LABELS[sort].toLowerCase()}`}
            refreshing={results.isPlaceholderData}
            onDecide={(match, verdict) => { decision.mutate({ match, verdict }); }}
          />
          {data && (
            <Pagination page={data.page} pages={data.pages} total={data.total} perPage={data.per_page} hrefFor={hrefForPage} noun={data.total === 1 ? "result" : "results"} />
          )}
        </>
      )}
    </div>
  );
}

export default function SearchResultsPage() {
  const { searchId } = useParams();
  const id = Number(searchId);
  if (!Number.isInteger(id) || id < 1) {
    return (
      <EmptyState title="Search not found">
        Go back to <TextLink to="/searches">your searches</TextLink>.
      </EmptyState>
    );
  }
  // A new search starts with fresh run state.
  return <SearchResults key={id} searchId={id} />;
}
