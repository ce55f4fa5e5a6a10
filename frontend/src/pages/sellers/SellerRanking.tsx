import { Link } from "react-router";
import { FollowButton } from "../../components/FollowButton";
import { useMediaQuery, WIDE_SCREEN } from "../../hooks/useMediaQuery";
import { formatNumber } from "../../lib/format";
import { platformLabel, sellerRating, shipsFromText } from "../../lib/marketText";
import { deliveredText, formatMoney } from "../../lib/money";
import type { SellerSummary } from "../../services/results";

interface SellerRankingProps {
  searchId: number;
  /** Undefined while the first page loads. */
  sellers: SellerSummary[] | undefined;
  /** Rank of the first seller shown (pages after the first start further down). */
  firstRank: number;
  refreshing: boolean;
}

const cellClass = "px-3 py-2 align-top";
const HEADERS = ["Rank", "Seller", "Wanted records", "Listings", "Records total", "Shipping known"] as const;

function details(summary: SellerSummary): string {
  const { seller } = summary;
  return [platformLabel(seller.platform), sellerRating(seller.rating, seller.rating_count), shipsFromText(summary.ships_from)].filter(Boolean).join(" · ");
}

function ListingsLink({ searchId, summary }: { searchId: number; summary: SellerSummary }) {
  const to = `/searches/${searchId}/results?seller=${encodeURIComponent(summary.seller.username)}`;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Link to={to} className="text-sm font-semibold text-indigo-800 underline underline-offset-2" aria-label={`Listings of ${summary.seller.username}`}>
        Their listings
      </Link>
      <FollowButton username={summary.seller.username} platform={summary.seller.platform} />
    </div>
  );
}

const shippingKnown = (summary: SellerSummary) => `${formatNumber(summary.shipping_known)} of ${formatNumber(summary.listings)}`;

/** The records' prices in the user's currency, and with the shipping their listings state. */
function Totals({ summary }: { summary: SellerSummary }) {
  const records = summary.items_total;
  const delivered = { ...summary, shipping_known: summary.shipping_known === summary.listings };
  return (
    <div>
      <p className="text-slate-900">{records === null ? deliveredText(delivered) : `≈\u00a0${formatMoney(records.amount, records.currency)}`}</p>
      {records !== null && <p className="text-xs text-slate-700">{deliveredText(delivered)}</p>}
    </div>
  );
}

/** Sellers ranked by how many of the user's wanted records they have for sale. */
export function SellerRanking({ searchId, sellers, firstRank, refreshing }: SellerRankingProps) {
  const wide = useMediaQuery(WIDE_SCREEN);
  if (sellers === undefined) {
    return (
      <div aria-hidden="true" className="flex flex-col gap-2">
        {[0, 1, 2, 3].map((index) => (
          <div key={index} className="h-14 animate-pulse rounded-lg bg-slate-200" />
        ))}
      </div>
    );
  }
  if (!wide) {
    return (
      <ol aria-label="Sellers by wanted records" aria-busy={refreshing} start={firstRank} className={`flex flex-col gap-3 ${refreshing ? "opacity-60" : ""}`}>
        {sellers.map((summary, index) => (
          <li key={`${summary.seller.platform}:${summary.seller.username}`} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <p className="font-semibold break-all text-slate-900">
              {firstRank + index}. {summary.seller.username}
            </p>
            <p className="text-xs text-slate-700">{details(summary)}</p>
            <p className="mt-2 text-slate-900">
              {formatNumber(summary.wanted_records)} wanted · {formatNumber(summary.listings)} listings
            </p>
            <Totals summary={summary} />
            <p className="text-xs text-slate-700">Shipping known for {shippingKnown(summary)}</p>
            <div className="mt-2">
              <ListingsLink searchId={searchId} summary={summary} />
            </div>
          </li>
        ))}
      </ol>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-busy={refreshing} className={`w-full text-left text-sm ${refreshing ? "opacity-60" : ""}`}>
        <caption className="sr-only">Sellers by wanted records</caption>
        <thead className="bg-slate-50 text-slate-900">
          <tr>
            {HEADERS.map((header) => (
              <th key={header} scope="col" className={`${cellClass} font-semibold`}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sellers.map((summary, index) => (
            <tr key={`${summary.seller.platform}:${summary.seller.username}`} className="border-t border-slate-100">
              <td className={cellClass}>{firstRank + index}</td>
              <td className={cellClass}>
                <p className="font-medium break-all text-slate-900">{summary.seller.username}</p>
                <p className="text-xs text-slate-700">{details(summary)}</p>
                <ListingsLink searchId={searchId} summary={summary} />
              </td>
              <td className={`${cellClass} font-semibold`}>{formatNumber(summary.wanted_records)}</td>
              <td className={cellClass}>{formatNumber(summary.listings)}</td>
              <td className={`${cellClass} whitespace-nowrap`}>
                <Totals summary={summary} />
              </td>
              <td className={`${cellClass} whitespace-nowrap`}>{shippingKnown(summary)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
