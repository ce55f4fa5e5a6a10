import { useSearchParams } from "react-router";
import { Button } from "../../components/Button";
import { FollowButton } from "../../components/FollowButton";
import { Pagination } from "../../components/Pagination";
import { useFollowedSellerPage, useSellerSuggestions, useUnfollowSeller } from "../../hooks/useFollowedSellers";
import { describeError } from "../../lib/api/errors";
import { formatDateTime, formatNumber, plural } from "../../lib/format";
import { sellerRating, shipsFromText } from "../../lib/marketText";
import { toast } from "../../lib/toast";
import type { FollowedSeller } from "../../services/sellers";
import { FollowByName, ImportNames } from "./FollowForms";

const PER_PAGE = 20;
const PAGE_PARAM = "followed_page";

/** What the shared crawl knows of the seller's store, or why it knows nothing yet. */
function crawlText(seller: FollowedSeller): string {
  if (seller.crawl_status === "not_found") return "Discogs has no user by this name";
  if (seller.crawl_status === "failed") return `The last crawl failed${seller.crawl_error ? `: ${seller.crawl_error}` : ""}`;
  if (seller.last_crawled_at === null) return "Not crawled yet: their stock is read within a few minutes";
  return `Last crawled ${formatDateTime(seller.last_crawled_at)}`;
}

function SellerFacts({ seller }: { seller: FollowedSeller }) {
  const facts = [shipsFromText(seller.country), sellerRating(seller.rating, seller.rating_count), seller.inventory_size === null ? null : `${plural(seller.inventory_size, "listing")} for sale`];
  return <p className="text-xs text-slate-700">{facts.filter(Boolean).join(" · ") || "Nothing known yet"}</p>;
}

function UnfollowButton({ username }: { username: string }) {
  const unfollow = useUnfollowSeller();
  return (
    <Button
      variant="secondary"
      busy={unfollow.isPending}
      aria-label={`Unfollow ${username}`}
      onClick={() => {
        unfollow.mutate(username, { onError: (error) => toast.error(describeError(error)) });
      }}
    >
      Unfollow
    </Button>
  );
}

function FollowedList() {
  const [searchParams] = useSearchParams();
  const pageParam = Number(searchParams.get(PAGE_PARAM));
  const page = Number.isInteger(pageParam) && pageParam > 1 ? pageParam : 1;
  const followed = useFollowedSellerPage(page, PER_PAGE);
  const data = followed.data;

  function hrefFor(target: number) {
    const next = new URLSearchParams(searchParams);
    if (target <= 1) next.delete(PAGE_PARAM);
    else next.set(PAGE_PARAM, String(target));
    return { search: `?${next.toString()}` };
  }

  if (data === undefined) {
    return followed.isError ? <p className="text-sm text-slate-700">Could not load the sellers you follow.</p> : <p role="status" className="text-sm text-slate-700">Loading the sellers you follow…</p>;
  }
  if (data.total === 0) {
    return <p className="text-sm text-slate-700">You follow no seller yet. Follow one by name, or with the Follow button next to a Discogs seller.</p>;
  }
  return (
    <>
      <ul aria-label="Followed sellers" aria-busy={followed.isPlaceholderData} className="flex flex-col gap-2">
        {data.items.map((seller) => (
          <li key={seller.username} className="flex flex-wrap items-start justify-between gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm">
            <div className="min-w-0">
              <p className="font-semibold break-all text-slate-900">{seller.username}</p>
              <SellerFacts seller={seller} />
              <p className="mt-1 text-slate-900">{formatNumber(seller.wanted_held)} of your wanted records</p>
              <p className="text-xs text-slate-700">{crawlText(seller)}</p>
            </div>
            <UnfollowButton username={seller.username} />
          </li>
        ))}
      </ul>
      <Pagination page={data.page} pages={data.pages} total={data.total} perPage={data.per_page} hrefFor={hrefFor} noun={data.total === 1 ? "followed seller" : "followed sellers"} />
    </>
  );
}

function Suggestions() {
  const suggestions = useSellerSuggestions();
  const items = suggestions.data ?? [];
  if (items.length === 0) return null;
  return (
    <div>
      <h3 className="text-base font-semibold text-slate-900">Suggested sellers</h3>
      <p className="text-sm text-slate-700">Discogs sellers of records you confirmed, want or imported with the companion, whom you do not follow yet.</p>
      <ul aria-label="Suggested sellers" className="mt-2 flex flex-col gap-2">
        {items.map((item) => (
          <li key={item.username} className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-slate-200 bg-white p-3 text-sm">
            <div>
              <p className="font-semibold break-all text-slate-900">{item.username}</p>
              <p className="text-xs text-slate-700">
                {[item.confirmed_listings ? `${plural(item.confirmed_listings, "listing")} you confirmed` : null, item.wanted_listings ? plural(item.wanted_listings, "wanted listing") : null, item.imported_listings ? `${plural(item.imported_listings, "listing")} the companion imported` : null, sellerRating(item.rating, item.rating_count)].filter(Boolean).join(" · ")}
              </p>
            </div>
            <FollowButton username={item.username} platform="discogs" />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The Discogs sellers the user follows: their whole stock is crawled and read by every search. */
export function FollowedSellers() {
  return (
    <section aria-labelledby="followed-sellers-heading" className="flex flex-col gap-4">
      <div>
        <h2 id="followed-sellers-heading" className="text-xl font-bold text-slate-900">
          Followed sellers
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          Discogs does not list who sells a record, so VinylDigger reads the whole stock of the sellers you follow, once for everyone who follows them, and
          your searches find your wanted records there.
        </p>
      </div>
      <FollowByName />
      <ImportNames />
      <FollowedList />
      <Suggestions />
    </section>
  );
}
