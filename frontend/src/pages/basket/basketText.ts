import { formatDuration, plural } from "../../lib/format";
import { formatMoney, formatPercent } from "../../lib/money";
import type { Baseline, BasketPlan, Parcel } from "../../services/basket";

export const BASELINE_LABELS: Record<string, string> = {
  cheapest_each: "Cheapest copy of each record, shipped separately",
  most_wants_first: "Seller with most of my records first",
};

export const BASELINE_EXPLANATIONS: Record<string, string> = {
  cheapest_each: "Every record bought where it is cheapest, each paying shipping as if ordered alone.",
  most_wants_first: "Buy everything you can from the seller with most of your records, then the next seller, and so on.",
};

/** How sure the plan is to be the cheapest, in words. */
export function statusText(plan: BasketPlan): string {
  switch (plan.status) {
    case "optimal":
      return "The cheapest possible plan (proven).";
    case "feasible":
      return plan.gap === null
        ? "The best plan found in the time allowed; it was not proven to be the cheapest."
        : `The best plan found in the time allowed: at most ${formatPercent(plan.gap)} above the cheapest possible.`;
    case "infeasible":
      return "No plan can buy all the records within the limits. Allow more sellers and plan again.";
    case "time_limit":
      return "No plan was found in the time allowed. Try again with fewer sellers or records.";
    default:
      return plan.status;
  }
}

/** "You save €9.00 (10%) — €88.50 from 3 sellers". */
export function savingsText(baseline: Baseline, currency: string): string {
  const savings = Number(baseline.savings);
  const cost = `${formatMoney(baseline.total, currency)} from ${plural(baseline.seller_count, "seller")}`;
  if (Math.abs(savings) < 0.005) return `Costs the same as this plan: ${cost}.`;
  if (savings > 0) return `You save ${formatMoney(savings, currency)} (${formatPercent(baseline.savings_fraction)}): that way costs ${cost}.`;
  return `This plan costs ${formatMoney(-savings, currency)} more (the seller limit): that way costs ${cost}.`;
}

export function solvedText(plan: BasketPlan): string {
  const took = plan.solve_seconds < 0.1 ? "under 0.1 s" : formatDuration(plan.solve_seconds);
  return `${plural(plan.wants_planned, "wanted record")} considered, solved in ${took}`;
}

/** Shipping of a parcel: free, as the sellers state it, or estimated where a listing does not say. */
export function shippingText(parcel: Parcel, currency: string): string {
  if (parcel.free_shipping) return "Free";
  const estimated = parcel.items.some((item) => !item.shipping_known);
  return `${formatMoney(parcel.shipping, currency)}${estimated ? " (estimated)" : ""}`;
}
