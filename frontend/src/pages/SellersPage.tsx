import { useSearchParams } from "react-router";
import { EmptyState } from "../components/EmptyState";
import { FxNotice } from "../components/FxNotice";
import { Pagination } from "../components/Pagination";
import { SelectField } from "../components/SelectField";
import { SetupChecklist } from "../components/SetupChecklist";
import { TextLink } from "../components/TextLink";
import { usePageTitle } from "../hooks/usePageTitle";
import { useSearchList } from "../hooks/useSearches";
import { useSellerPage } from "../hooks/useSearchResults";
import type { SavedSearch } from "../services/searches";
import { FollowedSellers } from "./sellers/FollowedSellers";
import { SellerRanking } from "./sellers/SellerRanking";

const PER_PAGE = 25;

/** The search named in the address, else the want list search, else the newest one. */
function chosenSearch(searches: SavedSearch[], param: string | null): SavedSearch | undefined {
  return searches.find((search) => String(search.id) === param) ?? searches.find((search) => search.criteria.want_list) ?? searches[0];
}

function Sellers({ search }: { search: SavedSearch }) {
  const [searchParams] = useSearchParams();
  const pageParam = Number(searchParams.get("page"));
  const page = Number.isInteger(pageParam) && pageParam > 1 ? pageParam : 1;
  const sellers = useSellerPage(search.id, page, PER_PAGE);
  const data = sellers.data;

  function hrefFor(target: number) {
    const next = new URLSearchParams(searchParams);
    if (target <= 1) next.delete("page");
    else next.set("page", String(target));
    return { search: `?${next.toString()}` };
  }

  if (sellers.isError && data === undefined) {
    return (
      <p className="text-sm text-slate-700">
        Could not load the sellers.{" "}
        <button type="button" className="font-semibold text-indigo-800 underline" onClick={() => void sellers.refetch()}>
          Try again
        </button>
      </p>
    );
  }
  if (data?.total === 0) {
    return (
      <EmptyState title="No sellers found yet">
        This search has found nothing for sale yet. Run it from <TextLink to={`/searches/${search.id}/results`}>its results page</TextLink>.
      </EmptyState>
    );
  }
  return (
    <>
      <SellerRanking searchId={search.id} sellers={data?.items} firstRank={(page - 1) * PER_PAGE + 1} refreshing={sellers.isPlaceholderData} />
      {data && <Pagination page={data.page} pages={data.pages} total={data.total} perPage={data.per_page} hrefFor={hrefFor} noun={data.total === 1 ? "seller" : "sellers"} />}
    </>
  );
}

export default function SellersPage() {
  usePageTitle("Sellers");
  const [searchParams, setSearchParams] = useSearchParams();
  const searches = useSearchList(1, 100);
  const list = searches.data?.items;
  const search = list === undefined ? undefined : chosenSearch(list, searchParams.get("search"));

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Sellers</h1>
        <p className="mt-1 text-slate-700">
          Sellers ranked by how many of your wanted records they have for sale in a search: buying several records from one seller saves
          shipping. Listings that are gone are not counted.
        </p>
      </div>
      <FxNotice />
      {list === undefined ? (
        searches.isError ? (
          <p className="text-sm text-slate-700">Could not load your searches.</p>
        ) : (
          <p role="status" className="text-sm text-slate-700">
            Loading your searches…
          </p>
        )
      ) : search === undefined ? (
        <EmptyState title="No searches yet">
          <p>
            Sellers are ranked from what your searches find. <TextLink to="/searches/new">Create a search</TextLink> of your want list and run it.
          </p>
          <div className="mt-3 text-left">
            <SetupChecklist services={["discogs"]} />
          </div>
        </EmptyState>
      ) : (
        <>
          <SelectField
            label="Search"
            className="sm:w-80"
            options={list.map((item) => ({ value: String(item.id), label: item.name }))}
            value={String(search.id)}
            onChange={(event) => { setSearchParams({ search: event.target.value }); }}
          />
          <Sellers key={search.id} search={search} />
        </>
      )}
      <FollowedSellers />
    </div>
  );
}
