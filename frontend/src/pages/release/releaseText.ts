import { formatDate, plural } from "../../lib/format";
import { gradePairLabel, matchMethodLabel, platformLabel, sellerRating, shipsFromText } from "../../lib/marketText";
import { formatMoney, listedText as listedMoneyText } from "../../lib/money";
import type { DailyPrice, GradeBand, PriceSeries, ReleaseOffer, ReleaseView } from "../../services/releases";
import type { Listing } from "../../services/results";

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeZone: "UTC" });
const shortDayFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" });

/** A calendar day from the API ("2025-03-01"), the same wherever the browser is. */
export function formatDay(day: string): string {
  return dayFormat.format(new Date(`${day}T00:00:00Z`));
}

export function formatShortDay(day: string): string {
  return shortDayFormat.format(new Date(`${day}T00:00:00Z`));
}

export const BAND_LABELS: Record<GradeBand, string> = {
  "M/NM": "Mint or near mint",
  "VG+": "Very good plus",
  VG: "Very good",
  "G+ and below": "Good plus or worse",
  unknown: "Not graded",
};

/** "In your collection: 2 copies (VG/G+, NM/NM)". */
export function ownedText(relation: ReleaseView["relation"]): string | null {
  if (!relation.owned) return null;
  const grades = relation.owned_copies.map((copy) => gradePairLabel(copy.media_grade, copy.sleeve_grade));
  return `In your collection: ${plural(relation.owned_copies.length, "copy", "copies")} (media/sleeve ${grades.join(", ")})`;
}

export function wantedText(relation: ReleaseView["relation"]): string | null {
  if (!relation.wanted) return null;
  return relation.wanted_since ? `On your want list since ${formatDate(relation.wanted_since)}` : "On your want list";
}

/** How the listing was linked to this release, for eBay listings found by the matcher. */
export function offerMatchText(offer: ReleaseOffer): string | null {
  const { match } = offer;
  // A Discogs listing names its release: there is nothing to explain.
  if (match === null || match.method === "release_id") return null;
  const how = match.decision === "confirmed" ? "Confirmed by you" : `Matched by ${matchMethodLabel(match.method)}, ${match.confidence} confidence`;
  return how;
}

/** The offer as listed: "$45.00 + $8.00 shipping" or "$45.00, shipping unknown". */
export function listedText(listing: Listing): string {
  return listedMoneyText(listing.price, listing.shipping);
}

/** "eBay · 99.8% · 310 ratings · Ships from United States". */
export function sellerText(listing: Listing): string {
  const { seller } = listing;
  return [platformLabel(listing.platform), sellerRating(seller.rating, seller.rating_count), shipsFromText(listing.ships_from)].filter(Boolean).join(" · ");
}

function amount(price: DailyPrice["lowest"]): number | null {
  return price === null ? null : Number(price.amount);
}

/** One point per day for the chart: null where nothing was for sale. */
export function chartPoints(series: PriceSeries) {
  return series.days.map((day) => ({ date: day.date, lowest: amount(day.lowest), median: amount(day.median), count: day.count }));
}

/** What the chart shows, in words: the lowest price of the period and the latest day's prices. */
export function priceSummary(series: PriceSeries): string | null {
  const seen = series.days.filter((day) => day.count > 0 && day.lowest !== null);
  const last = seen.at(-1);
  if (last === undefined) return null;
  const cheapest = seen.reduce((best, day) => (Number(day.lowest?.amount) < Number(best.lowest?.amount) ? day : best));
  const money = (price: DailyPrice["lowest"]) => (price === null ? "—" : formatMoney(price.amount, price.currency));
  return `Lowest in the period: ${money(cheapest.lowest)} on ${formatDay(cheapest.date)}. On ${formatDay(last.date)}: lowest ${money(last.lowest)}, median ${money(last.median)}, ${plural(last.count, "listing")}.`;
}
