import { Badge } from "../../components/Badge";
import { ExternalLink } from "../../components/ExternalLink";
import { FollowButton } from "../../components/FollowButton";
import { TextLink } from "../../components/TextLink";
import { gradeLabel, platformLabel, sellerRating, shipsFromText } from "../../lib/marketText";
import { deliveredText, formatMoney } from "../../lib/money";
import type { Parcel } from "../../services/basket";
import { shippingText } from "./basketText";

function ParcelCard({ parcel, currency, index }: { parcel: Parcel; currency: string; index: number }) {
  const headingId = `parcel-${index}-heading`;
  const estimated = parcel.items.some((item) => !item.shipping_known);
  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-3 sm:p-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div className="min-w-0">
          <h3 id={headingId} className="text-base font-semibold break-all text-slate-900">
            {parcel.seller} <span className="font-normal text-slate-700">on {platformLabel(parcel.platform)}</span>
          </h3>
          <p className="text-xs text-slate-700">{[sellerRating(parcel.seller_rating, parcel.seller_rating_count), shipsFromText(parcel.ships_from)].filter(Boolean).join(" · ")}</p>
          <FollowButton username={parcel.seller} platform={parcel.platform} className="mt-1" />
        </div>
        <p className="text-base font-semibold text-slate-900">{formatMoney(parcel.total, currency)}</p>
      </div>
      <ul className="mt-2 flex flex-col divide-y divide-slate-100 sm:mt-3">
        {parcel.items.map((item) => (
          <li key={item.offer_id} className="flex items-start justify-between gap-3 py-2 text-sm">
            <div className="min-w-0">
              <TextLink to={`/releases/${item.release_id}`}>{item.release}</TextLink>
              {item.platform !== "discogs" && <p className="text-xs break-words text-slate-700">“{item.title}”</p>}
              <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-700">
                <span>Media {gradeLabel(item.media_grade)}</span>
                {!item.shipping_known && <Badge tone="amber">Shipping not stated</Badge>}
                <ExternalLink href={item.url} aria-label={`View on ${platformLabel(item.platform)}: ${item.release}`}>
                  View on {platformLabel(item.platform)}
                </ExternalLink>
              </div>
            </div>
            <div className="text-right text-sm whitespace-nowrap">
              <p className="font-medium text-slate-900">{formatMoney(item.price, currency)}</p>
              {item.listed_price !== null && item.listed_price.currency !== currency && (
                <p className="text-xs text-slate-700">listed at {formatMoney(item.listed_price.amount, item.listed_price.currency)}</p>
              )}
              {item.converted_total === null ? (
                <p className="text-xs text-slate-700">{deliveredText(item)}</p>
              ) : (
                item.shipping_known && <p className="text-xs text-slate-700">{deliveredText(item)} on its own</p>
              )}
            </div>
          </li>
        ))}
      </ul>
      <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 border-t border-slate-200 pt-2 text-sm">
        <dt className="text-slate-700">Records</dt>
        <dd className="text-right text-slate-900">{formatMoney(parcel.items_total, currency)}</dd>
        <dt className="text-slate-700">Shipping</dt>
        <dd className="text-right text-slate-900">{shippingText(parcel, currency)}</dd>
      </dl>
      {estimated && (
        <p className="mt-2 text-xs text-slate-700">
          Estimated: a listing here does not say what shipping costs, so the seller&apos;s usual shipping (or a typical cost) is counted.
        </p>
      )}
    </article>
  );
}

/** One parcel per seller: what to buy there, the records' total, shipping and the parcel's total. */
export function ParcelList({ parcels, currency }: { parcels: Parcel[]; currency: string }) {
  return (
    <section aria-labelledby="parcels-heading" className="flex flex-col gap-3">
      <h2 id="parcels-heading" className="text-lg font-semibold text-slate-900">
        What to buy, by parcel
      </h2>
      {parcels.map((parcel, index) => (
        <ParcelCard key={`${parcel.platform}:${parcel.seller}`} parcel={parcel} currency={currency} index={index} />
      ))}
    </section>
  );
}
