import { EmptyState } from "../../components/EmptyState";
import { ExternalLink } from "../../components/ExternalLink";
import { FollowButton } from "../../components/FollowButton";
import { MatchPressing } from "../../components/MatchPressing";
import { useMediaQuery, WIDE_SCREEN } from "../../hooks/useMediaQuery";
import { gradePairLabel, platformLabel } from "../../lib/marketText";
import { deliveredText } from "../../lib/money";
import type { ReleaseOffer, ReleaseView } from "../../services/releases";
import type { Listing as ListingShown } from "../../services/results";
import { formatDay, listedText, offerMatchText, sellerText } from "./releaseText";

/** Price plus known shipping in the user's currency, saying when shipping is unknown. */
function Converted({ listing }: { listing: ListingShown }) {
  return <span className={listing.converted_total === null ? "text-slate-700" : "font-semibold text-slate-900"}>{deliveredText(listing)}</span>;
}

function Listing({ offer }: { offer: ReleaseOffer }) {
  const match = offerMatchText(offer);
  const { listing } = offer;
  return (
    <div className="flex min-w-0 flex-col gap-0.5">
      <p className="font-medium break-words text-slate-900">{listing.seller.username}</p>
      <p className="text-xs text-slate-700">{sellerText(listing)}</p>
      {listing.platform !== "discogs" && <p className="text-xs break-words text-slate-700">“{listing.title}”</p>}
      {offer.match !== null && offer.match.method !== "release_id" && <MatchPressing match={offer.match} />}
      {match && <p className="text-xs text-slate-700">{match}</p>}
      <div className="flex flex-wrap items-center gap-2">
        <ExternalLink href={listing.url} className="text-sm" aria-label={`View on ${platformLabel(listing.platform)}: ${listing.seller.username}, ${listedText(listing)}`}>
          View on {platformLabel(listing.platform)}
        </ExternalLink>
        <FollowButton username={listing.seller.username} platform={listing.platform} />
      </div>
    </div>
  );
}

const grades = (listing: ListingShown) => gradePairLabel(listing.media_grade, listing.sleeve_grade);
const cellClass = "px-3 py-3 align-top";

/** What is for sale now on both marketplaces, cheapest total (shipping included) first. */
export function OfferList({ view }: { view: ReleaseView }) {
  const wide = useMediaQuery(WIDE_SCREEN);
  const { offers, currency } = view;
  if (offers.length === 0) {
    return (
      <EmptyState title="Nothing for sale right now">
        Listings appear here when one of your searches finds this release on Discogs or eBay.
      </EmptyState>
    );
  }
  const caption = `Listings for sale, cheapest total first, converted to ${currency}`;
  if (!wide) {
    return (
      <ul aria-label={caption} className="flex flex-col gap-3">
        {offers.map((offer) => (
          <li key={offer.listing.id} className="flex flex-wrap justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <Listing offer={offer} />
            <div className="text-right">
              <Converted listing={offer.listing} />
              <p className="text-xs text-slate-700">Listed: {listedText(offer.listing)}</p>
              <p className="text-xs text-slate-700">Media/sleeve {grades(offer.listing)}</p>
            </div>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-900">
          <tr>
            {["Seller", "Media/sleeve", "Listed at", `Delivered in ${currency}`, "Seen since"].map((header) => (
              <th key={header} scope="col" className={`${cellClass} font-semibold`}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {offers.map((offer) => (
            <tr key={offer.listing.id} className="border-t border-slate-100">
              <td className={cellClass}>
                <Listing offer={offer} />
              </td>
              <td className={cellClass}>{grades(offer.listing)}</td>
              <td className={`${cellClass} whitespace-nowrap`}>{listedText(offer.listing)}</td>
              <td className={`${cellClass} whitespace-nowrap`}>
                <Converted listing={offer.listing} />
              </td>
              <td className={`${cellClass} whitespace-nowrap`}>{formatDay(offer.listing.first_seen_at.slice(0, 10))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
