import { api } from "../lib/api/client";
import { ApiError } from "../lib/api/errors";
import type { components } from "../lib/api/schema";
import { unwrap } from "../lib/api/unwrap";
import type { Run } from "./runs";

export type BasketPlan = components["schemas"]["PlanOut"];
export type Parcel = components["schemas"]["ParcelOut"];
export type PlanItem = components["schemas"]["PlanItemOut"];
export type Baseline = components["schemas"]["BaselineOut"];
export type FrontierPoint = components["schemas"]["FrontierPointOut"];

/** The kind of the runs that work out basket plans. */
export const BASKET_RUN_KIND = "basket_plan";

/**
 * Asks for the cheapest way to buy the user's wanted records from current listings: the answer
 * is the run that works it out (the plan becomes the latest plan when it succeeds). The backend
 * answers 409 `nothing_to_plan` when no wanted record has a current listing, and 409
 * `run_in_progress` while a plan is already being worked out.
 */
export function planBasket({ maxSellers }: { maxSellers: number | null }): Promise<Run> {
  return unwrap(api.POST("/api/v1/basket/plan", { body: { frontier: true, ...(maxSellers !== null ? { max_sellers: maxSellers } : {}) } }));
}

/** The user's most recent plan, or null when none has been made. */
export async function fetchLatestPlan(): Promise<BasketPlan | null> {
  try {
    return await unwrap(api.GET("/api/v1/basket/plans/latest"));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}
