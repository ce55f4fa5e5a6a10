import { useSearchParams } from "react-router";
import { EmptyState } from "../components/EmptyState";
import { Pagination } from "../components/Pagination";
import { SelectField } from "../components/SelectField";
import { TextLink } from "../components/TextLink";
import { usePageTitle } from "../hooks/usePageTitle";
import { useRunList } from "../hooks/useRuns";
import type { RunKind } from "../services/runs";
import { RunCard } from "./runs/RunCard";

const PER_PAGE = 20;

const KIND_FILTERS: readonly { value: RunKind | ""; label: string }[] = [
  { value: "", label: "All runs" },
  { value: "sync_wants", label: "Want list syncs" },
  { value: "sync_collection", label: "Collection syncs" },
  { value: "search", label: "Search runs" },
  { value: "basket_plan", label: "Basket plans" },
];

function kindOf(value: string | null): RunKind | undefined {
  return KIND_FILTERS.find((filter) => filter.value !== "" && filter.value === value)?.value || undefined;
}

function RunSkeletons() {
  return (
    <ul aria-hidden="true" className="flex flex-col gap-3">
      {[0, 1, 2].map((index) => (
        <li key={index} className="h-28 animate-pulse rounded-lg border border-slate-200 bg-white" />
      ))}
    </ul>
  );
}

export default function RunsPage() {
  usePageTitle("Runs");
  const [searchParams, setSearchParams] = useSearchParams();
  const kind = kindOf(searchParams.get("kind"));
  const pageParam = Number(searchParams.get("page"));
  const page = Number.isInteger(pageParam) && pageParam > 1 ? pageParam : 1;
  const runs = useRunList({ kind, page, perPage: PER_PAGE });
  const data = runs.data;

  function hrefFor(target: number) {
    const next = new URLSearchParams(searchParams);
    if (target <= 1) next.delete("page");
    else next.set("page", String(target));
    const query = next.toString();
    return { search: query ? `?${query}` : "" };
  }

  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Runs</h1>
        <p className="mt-1 text-slate-700">Every sync and search run: when it ran, how far it got, what it changed and what it cost upstream.</p>
      </div>
      <SelectField
        label="Show"
        className="sm:w-64"
        options={KIND_FILTERS}
        value={kind ?? ""}
        onChange={(event) => {
          const next = new URLSearchParams();
          if (event.target.value) next.set("kind", event.target.value);
          setSearchParams(next);
        }}
      />
      {data === undefined ? (
        runs.isError ? (
          <p className="text-sm text-slate-700">
            Could not load the runs.{" "}
            <button type="button" className="font-semibold text-indigo-800 underline" onClick={() => void runs.refetch()}>
              Try again
            </button>
          </p>
        ) : (
          <>
            <p role="status" className="sr-only">Loading runs…</p>
            <RunSkeletons />
          </>
        )
      ) : data.total === 0 ? (
        <EmptyState title={kind ? "No runs of this kind yet" : "No runs yet"}>
          Runs appear here once you sync your <TextLink to="/wants">want list</TextLink> or{" "}
          <TextLink to="/collection">collection</TextLink>.
        </EmptyState>
      ) : (
        <>
          <ul aria-label="Runs" aria-busy={runs.isPlaceholderData} className={`flex flex-col gap-3 ${runs.isPlaceholderData ? "opacity-60" : ""}`}>
            {data.items.map((run) => (
              <li key={run.id}>
                <RunCard run={run} />
              </li>
            ))}
          </ul>
          <Pagination page={data.page} pages={data.pages} total={data.total} perPage={data.per_page} hrefFor={hrefFor} noun={data.total === 1 ? "run" : "runs"} />
        </>
      )}
    </div>
  );
}
