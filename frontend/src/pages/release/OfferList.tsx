import { EmptyState } from "../../components/EmptyState";
import { ExternalLink } from "../../components/ExternalLink";
import { useMediaQuery, WIDE_SCREEN } from "../../hooks/useMediaQuery";
import { gradePairLabel, platformLabel } from "../../lib/marketText";
import { deliveredText } from "../../lib/money";
import type { ReleaseOffer, ReleaseView } from "../../services/releases";
import { formatDay, listedText, offerMatchText, sellerText } from "./releaseText";

/** Price plus known shipping in the user's currency, saying when shipping is unknown. */
function Converted({ offer }: { offer: ReleaseOffer }) {
  return <span className={offer.converted_total === null ? "text-slate-700" : "font-semibold text-slate-900"}>{deliveredText(offer)}</span>;
}

function Listing({ offer }: { offer: ReleaseOffer }) {
  const match = offerMatchText(offer);
  return (
    <div className="flex min-w-0 flex-col gap-0.5">
      <p className="font-medium break-words text-slate-900">{offer.seller.username}</p>
      <p className="text-xs text-slate-700">{sellerText(offer)}</p>
      {offer.platform !== "discogs" && <p className="text-xs break-words text-slate-700">“{offer.title}”</p>}
      {match && <p className="text-xs text-slate-700">{match}</p>}
      <ExternalLink href={offer.url} className="text-sm" aria-label={`View on ${platformLabel(offer.platform)}: ${offer.seller.username}, ${listedText(offer)}`}>
        View on {platformLabel(offer.platform)}
      </ExternalLink>
    </div>
  );
}

const grades = (offer: ReleaseOffer) => gradePairLabel(offer.media_grade, offer.sleeve_grade);
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
          <li key={offer.listing_id} className="flex flex-wrap justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <Listing offer={offer} />
            <div className="text-right">
              <Converted offer={offer} />
              <p className="text-xs text-slate-700">Listed: {listedText(offer)}</p>
              <p className="text-xs text-slate-700">Media/sleeve {grades(offer)}</p>
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
            <tr key={offer.listing_id} className="border-t border-slate-100">
              <td className={cellClass}>
                <Listing offer={offer} />
              </td>
              <td className={cellClass}>{grades(offer)}</td>
              <td className={`${cellClass} whitespace-nowrap`}>{listedText(offer)}</td>
              <td className={`${cellClass} whitespace-nowrap`}>
                <Converted offer={offer} />
              </td>
              <td className={`${cellClass} whitespace-nowrap`}>{formatDay(offer.first_seen_at.slice(0, 10))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
