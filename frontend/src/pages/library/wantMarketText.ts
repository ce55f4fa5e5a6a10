import { plural } from "../../lib/format";
import { formatMoney } from "../../lib/money";
import type { Want } from "../../services/library";

type WantMarket = NonNullable<Want["market"]>;

const dayMonth = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" });

/** "3 for sale, from €27.19 delivered"; null when nothing is for sale. */
export function forSaleText(market: WantMarket | undefined): string | null {
  if (market === undefined || market.for_sale === 0) return null;
  const count = plural(market.for_sale, "for sale", "for sale");
  if (market.cheapest === null || market.cheapest === undefined) return count;
  const price = formatMoney(market.cheapest.amount, market.cheapest.currency);
  return market.shipping_known ? `${count}, from ${price} delivered` : `${count}, from ${price} + shipping`;
}

/** "new since 2 Dec": when the most recently found listing was first seen. */
export function newSinceText(market: WantMarket | undefined): string | null {
  if (market?.newest_seen_at === null || market?.newest_seen_at === undefined || market.for_sale === 0) return null;
  return `new since ${dayMonth.format(new Date(market.newest_seen_at))}`;
}

/** Both, for the phone line under the title. */
export function wantMarketLine(want: Want): string | undefined {
  return [forSaleText(want.market), newSinceText(want.market)].filter(Boolean).join(" · ") || undefined;
}
