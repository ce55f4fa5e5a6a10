import { useParams } from "react-router";
import { EmptyState } from "../components/EmptyState";
import { FxNotice } from "../components/FxNotice";
import { TextLink } from "../components/TextLink";
import { usePageTitle } from "../hooks/usePageTitle";
import { useReleaseView } from "../hooks/useRelease";
import { ApiError } from "../lib/api/errors";
import { OfferList } from "./release/OfferList";
import { PriceHistory } from "./release/PriceHistory";
import { ReleaseHeader } from "./release/ReleaseHeader";
import { formatDay } from "./release/releaseText";

function NotFound() {
  return (
    <EmptyState title="Release not found">
      VinylDigger knows the releases on your want list, in your collection and in your search results. Go to your{" "}
      <TextLink to="/wants">want list</TextLink>.
    </EmptyState>
  );
}

function ReleaseSkeleton() {
  return (
    <div aria-hidden="true" className="flex gap-4">
      <div className="h-40 w-40 animate-pulse rounded-lg bg-slate-200" />
      <div className="flex flex-1 flex-col gap-3">
        <div className="h-5 w-1/3 animate-pulse rounded bg-slate-200" />
        <div className="h-8 w-2/3 animate-pulse rounded bg-slate-200" />
        <div className="h-4 w-1/2 animate-pulse rounded bg-slate-200" />
      </div>
    </div>
  );
}

function Release({ releaseId }: { releaseId: number }) {
  const view = useReleaseView(releaseId);
  const data = view.data;
  usePageTitle(data ? `${data.release.artists.join(", ")} – ${data.release.title}` : "Release");

  if (view.error instanceof ApiError && view.error.status === 404) return <NotFound />;
  if (data === undefined) {
    return view.isError ? (
      <p className="text-sm text-slate-700">
        Could not load the release.{" "}
        <button type="button" className="font-semibold text-indigo-800 underline" onClick={() => void view.refetch()}>
          Try again
        </button>
      </p>
    ) : (
      <>
        <p role="status" className="sr-only">Loading the release…</p>
        <ReleaseSkeleton />
      </>
    );
  }
  return (
    <div className="flex flex-col gap-8">
      <ReleaseHeader view={data} />
      <FxNotice />
      <section aria-labelledby="offers-heading" className="flex flex-col gap-3">
        <div>
          <h2 id="offers-heading" className="text-lg font-semibold text-slate-900">
            For sale now
          </h2>
          <p className="text-sm text-slate-700">
            On Discogs and eBay, cheapest delivered first: price plus shipping, or the price alone where a listing does not state its shipping.
            {data.rates_as_of && ` Prices in ${data.currency} at the exchange rates of ${formatDay(data.rates_as_of)}.`}
          </p>
        </div>
        <OfferList view={data} />
      </section>
      <PriceHistory releaseId={releaseId} />
    </div>
  );
}

export default function ReleasePage() {
  const { releaseId } = useParams();
  const id = Number(releaseId);
  if (!Number.isInteger(id) || id < 1) return <NotFound />;
  return <Release key={id} releaseId={id} />;
}
