import { formatDuration, plural } from "../../lib/format";
import { formatMoney, formatPercent } from "../../lib/money";
import type { Baseline, BasketPlan, FrontierPoint, Parcel } from "../../services/basket";

export const BASELINE_LABELS: Record<string, string> = {
  cheapest_each: "Cheapest copy of each record, shipped separately",
  most_wants_first: "Seller with most of my records first",
};

export const BASELINE_EXPLANATIONS: Record<string, string> = {
  cheapest_each: "Every record bought where it is cheapest, each paying shipping as if ordered alone.",
  most_wants_first: "Buy everything you can from the seller with most of your records, then the next seller, and so on.",
};

/** Why a want is not in the plan, in words. */
export const REASON_TEXT: Record<string, string> = {
  no_listing: "No listing for sale",
  above_max_price: "Every listing costs more than it is worth to you (max price)",
  below_grade: "Every listing is below your minimum grade",
  excluded_by_cap: "Left out by the limit on parcels",
  over_budget: "Left out by your budget",
};

export function reasonText(reason: string | null): string {
  return reason === null ? "Not bought" : (REASON_TEXT[reason] ?? reason);
}

/** The plan's kind as a heading: complete, partial or no plan at all. */
export function kindTitle(plan: BasketPlan): string {
  switch (plan.kind) {
    case "complete":
      return "Complete plan";
    case "partial":
      return `Partial plan: ${plural(plan.unfilled.filter((gap) => gap.reason === "excluded_by_cap" || gap.reason === "over_budget").length, "record")} left out`;
    default:
      return "No plan within your limits";
  }
}

/** How sure the plan is to be the best, in words. */
export function statusText(plan: BasketPlan): string {
  switch (plan.status) {
    case "optimal":
      return plan.kind === "complete" ? "The cheapest possible plan (proven)." : "The most valuable plan within your limits (proven).";
    case "feasible":
      return plan.gap === null
        ? "The best plan found in the time allowed; it was not proven to be the best."
        : `The best plan found in the time allowed: at most ${formatPercent(plan.gap)} from the best possible.`;
    case "infeasible":
      return plan.message ?? "No plan can buy all your must-buy records within the limits. Allow more parcels, raise the budget or make some records optional.";
    case "time_limit":
      return "No plan was found in the time allowed. Try again with fewer parcels or records.";
    default:
      return plan.status;
  }
}

/** "You save €9.00 (10%) — €88.50 from 3 sellers". */
export function savingsText(baseline: Baseline): string {
  const currency = baseline.total.currency;
  const savings = Number(baseline.savings.amount);
  const cost = `${formatMoney(baseline.total.amount, currency)} from ${plural(baseline.seller_count, "seller")}`;
  if (Math.abs(savings) < 0.005) return `Costs the same as this plan: ${cost}.`;
  if (savings > 0) return `You save ${formatMoney(savings, currency)} (${formatPercent(baseline.savings_fraction)}): that way costs ${cost}.`;
  return `This plan costs ${formatMoney(-savings, currency)} more (the parcel limit): that way costs ${cost}.`;
}

export function solvedText(plan: BasketPlan): string {
  const took = plan.solve_seconds < 0.1 ? "under 0.1 s" : formatDuration(plan.solve_seconds);
  return `${plural(plan.wants_planned, "wanted record")} considered, solved in ${took}`;
}

/** Shipping of a parcel: free, as the sellers state it, or estimated where a listing does not say. */
export function shippingText(parcel: Parcel): string {
  if (parcel.free_shipping) return "Free";
  return `${formatMoney(parcel.shipping.amount, parcel.shipping.currency)}${parcel.shipping_estimated ? " (estimated)" : ""}`;
}

/** "20 parcels for 3% more": the knee of the frontier against the cheapest plan. */
export function kneeText(point: FrontierPoint): string {
  const parcels = plural(point.max_sellers, "parcel");
  if (point.extra_fraction === null || point.extra_fraction < 0.0005) return `${parcels} at the lowest cost`;
  return `${parcels} for ${formatPercent(point.extra_fraction)} more`;
}

/** A frontier point not proven in time: what its total may lie above the cheapest possible. */
export function unprovenText(point: FrontierPoint): string {
  if (point.gap === null || point.gap === undefined || point.total === null) return "best found in time";
  const most = Math.ceil(Number(point.total.amount) * point.gap * 100) / 100;
  return `best found in time; the cheapest may be up to ${formatMoney(most, point.total.currency)} less`;
}
