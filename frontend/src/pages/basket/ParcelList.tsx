import { useState } from "react";
import { Badge } from "../../components/Badge";
import { ExternalLink } from "../../components/ExternalLink";
import { FollowButton } from "../../components/FollowButton";
import { TextLink } from "../../components/TextLink";
import { useMarkBought } from "../../hooks/useBasket";
import { useHeldValue } from "../../hooks/useHeldValue";
import { useMediaQuery } from "../../hooks/useMediaQuery";
import { describeError } from "../../lib/api/errors";
import { gradePairLabel, platformLabel, sellerRating, shipsFromText } from "../../lib/marketText";
import { deliveredText, formatMoney } from "../../lib/money";
import type { Parcel, PlanItem } from "../../services/basket";
import { shippingText } from "./basketText";

/** Phones show parcels collapsed: the summary first, a parcel's items on demand. */
const PARCELS_OPEN = "(min-width: 640px)";

function ItemRow({ item, planId }: { item: PlanItem; planId: number }) {
  const mark = useMarkBought(planId);
  const box = useHeldValue(item.bought);
  const onChange = (bought: boolean) => {
    box.hold(bought);
    mark.mutate({ listingId: item.listing_id, bought }, { onSettled: box.release });
  };
  return (
    <li className="flex items-start justify-between gap-3 py-2 text-sm">
      <input
        type="checkbox"
        aria-label={`Bought: ${item.release}`}
        checked={box.value}
        disabled={box.saving}
        onChange={(event) => { onChange(event.target.checked); }}
        className="mt-0.5 h-5 w-5 shrink-0 accent-indigo-700"
      />
      <div className="min-w-0 flex-1">
        <TextLink to={`/releases/${String(item.release_id)}`}>{item.release}</TextLink>
        {item.platform !== "discogs" && <p className="text-xs break-words text-slate-700">“{item.title}”</p>}
        <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-700">
          <span>{gradePairLabel(item.media_grade, item.sleeve_grade)}</span>
          {item.pressing_not_stated && <Badge tone="sky">Pressing not stated</Badge>}
          {!item.shipping_known && <Badge tone="amber">Shipping not stated</Badge>}
          {item.bought && <Badge tone="emerald">Bought</Badge>}
          {item.gone && !item.bought && <Badge tone="red">No longer for sale</Badge>}
          <ExternalLink href={item.url} aria-label={`View on ${platformLabel(item.platform)}: ${item.release}`}>
            View on {platformLabel(item.platform)}
          </ExternalLink>
        </div>
        {mark.isError && (
          <p role="alert" className="mt-1 text-xs text-red-800">
            Not saved: {describeError(mark.error)}
          </p>
        )}
      </div>
      <div className="text-right text-sm whitespace-nowrap">
        <p className="font-medium text-slate-900">{formatMoney(item.price.amount, item.price.currency)}</p>
        {item.listed_price !== null && item.listed_price.currency !== item.price.currency && (
          <p className="text-xs text-slate-700">listed at {formatMoney(item.listed_price.amount, item.listed_price.currency)}</p>
        )}
        {item.converted_total === null ? (
          <p className="text-xs text-slate-700">{deliveredText(item)}</p>
        ) : (
          item.shipping_known && <p className="text-xs text-slate-700">{deliveredText(item)} on its own</p>
        )}
      </div>
    </li>
  );
}

function ParcelCard({ parcel, index, planId, startOpen }: { parcel: Parcel; index: number; planId: number; startOpen: boolean }) {
  const [open, setOpen] = useState(startOpen);
  const headingId = `parcel-${String(index)}-heading`;
  const itemsId = `parcel-${String(index)}-items`;
  const market = platformLabel(parcel.platform);
  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-3 sm:p-5 print:break-inside-avoid">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <div className="min-w-0">
          <h3 id={headingId} className="text-base font-semibold break-all text-slate-900">
            {parcel.seller} <span className="font-normal text-slate-700">on {market}</span>
          </h3>
          <p className="text-xs text-slate-700">
            {[sellerRating(parcel.seller_rating, parcel.seller_rating_count), shipsFromText(parcel.ships_from), `${String(parcel.items.length)} ${parcel.items.length === 1 ? "item" : "items"}`]
              .filter(Boolean)
              .join(" · ")}
          </p>
          {parcel.seller_url !== null && (
            <ExternalLink href={parcel.seller_url} className="text-xs" aria-label={`Store of ${parcel.seller} on ${market}`}>
              Seller&apos;s store
            </ExternalLink>
          )}
          <FollowButton username={parcel.seller} platform={parcel.platform} className="mt-1 print:hidden" />
        </div>
        <div className="flex items-center gap-2">
          <p className="text-base font-semibold text-slate-900">{formatMoney(parcel.total.amount, parcel.total.currency)}</p>
          <button
            type="button"
            aria-expanded={open}
            aria-controls={itemsId}
            onClick={() => { setOpen(!open); }}
            aria-label={`${open ? "Hide" : "Show"} items of ${parcel.seller}`}
            className="min-h-10 rounded-md border border-slate-300 px-3 text-sm font-semibold text-slate-900 hover:bg-slate-100 print:hidden"
          >
            {open ? "Hide items" : "Show items"}
          </button>
        </div>
      </div>
      <div id={itemsId} hidden={!open}>
        <ul className="mt-2 flex flex-col divide-y divide-slate-100 sm:mt-3">
          {parcel.items.map((item) => (
            <ItemRow key={item.offer_id} item={item} planId={planId} />
          ))}
        </ul>
        <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-4 gap-y-1 border-t border-slate-200 pt-2 text-sm">
          <dt className="text-slate-700">Records</dt>
          <dd className="text-right text-slate-900">{formatMoney(parcel.items_total.amount, parcel.items_total.currency)}</dd>
          <dt className="text-slate-700">Shipping</dt>
          <dd className="text-right text-slate-900">{shippingText(parcel)}</dd>
        </dl>
        {parcel.shipping_estimated && (
          <p className="mt-2 text-xs text-slate-700">
            Estimated: a listing here does not say what shipping costs, so the seller&apos;s usual shipping (or a typical cost) is counted.
          </p>
        )}
      </div>
    </article>
  );
}

/** One parcel per seller, linking to the seller's store and each listing; items can be marked bought. */
export function ParcelList({ parcels, planId }: { parcels: Parcel[]; planId: number }) {
  const wide = useMediaQuery(PARCELS_OPEN);
  return (
    <section aria-labelledby="parcels-heading" className="flex flex-col gap-3">
      <h2 id="parcels-heading" className="text-lg font-semibold text-slate-900">
        What to buy, by parcel
      </h2>
      {parcels.map((parcel, index) => (
        <ParcelCard key={`${String(planId)}:${parcel.platform}:${parcel.seller}`} parcel={parcel} index={index} planId={planId} startOpen={wide} />
      ))}
    </section>
  );
}
