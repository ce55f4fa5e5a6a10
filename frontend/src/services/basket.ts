import { api } from "../lib/api/client";
import { ApiError, toApiError } from "../lib/api/errors";
import type { components } from "../lib/api/schema";
import { unwrap } from "../lib/api/unwrap";
import type { Run } from "./runs";

export type BasketPlan = components["schemas"]["PlanView"];
export type Parcel = components["schemas"]["ParcelView"];
export type PlanItem = components["schemas"]["PlanItemView"];
export type Baseline = components["schemas"]["BaselineView"];
export type FrontierPoint = components["schemas"]["FrontierPointView"];
export type Unfilled = components["schemas"]["UnfilledView"];
export type PlanKind = BasketPlan["kind"];
export type BasketChoices = components["schemas"]["BasketChoicesOut"];
export type BasketChoicesBody = components["schemas"]["BasketChoicesBody"];
export type WantChoice = components["schemas"]["WantChoiceOut"];
export type WantChoiceBody = components["schemas"]["WantChoiceBody"];
export type WantChoicePage = components["schemas"]["Page_WantChoiceOut_"];

/** The kind of the runs that work out basket plans. */
export const BASKET_RUN_KIND = "basket_plan";

export interface PlanRequest {
  /** Overrides the seller cap of the choices for this plan. */
  maxSellers?: number | null;
  /** Plans the rest of this plan: the wants not marked bought, from listings still for sale. */
  replanOf?: number | null;
}

/**
 * Asks for a plan under the user's choices: the answer is the run that works it out. The
 * backend answers 409 `nothing_to_plan` when no want can be planned, and 409 `run_in_progress`
 * while a plan is already being worked out.
 */
export function planBasket({ maxSellers = null, replanOf = null }: PlanRequest = {}): Promise<Run> {
  return unwrap(
    api.POST("/api/v1/basket/plan", {
      body: { frontier: true, ...(maxSellers !== null ? { max_sellers: maxSellers } : {}), ...(replanOf !== null ? { replan_of: replanOf } : {}) },
    }),
  );
}

/** The newest plan (of a kind when given), or null when there is none. */
export async function fetchLatestPlan(kind?: "complete" | "partial"): Promise<BasketPlan | null> {
  try {
    return await unwrap(api.GET("/api/v1/basket/plans/latest", { params: { query: kind ? { kind } : {} } }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export function fetchPlan(planId: number): Promise<BasketPlan> {
  return unwrap(api.GET("/api/v1/basket/plans/{plan_id}", { params: { path: { plan_id: planId } } }));
}

/** Stores the plan of one frontier point as a plan of its own and returns it. */
export function openFrontierPoint(planId: number, maxSellers: number): Promise<BasketPlan> {
  return unwrap(
    api.POST("/api/v1/basket/plans/{plan_id}/frontier/{max_sellers}", { params: { path: { plan_id: planId, max_sellers: maxSellers } } }),
  );
}

export async function markBought(planId: number, listingId: number, bought: boolean): Promise<boolean> {
  const answer = await unwrap(
    api.PUT("/api/v1/basket/plans/{plan_id}/items/{listing_id}", { params: { path: { plan_id: planId, listing_id: listingId } }, body: { bought } }),
  );
  return answer.bought;
}

/** Downloads the plan as a CSV file, named as the server names it. */
export async function downloadPlanCsv(planId: number): Promise<void> {
  const { data, error, response } = await api.GET("/api/v1/basket/plans/{plan_id}/export.csv", {
    params: { path: { plan_id: planId } },
    parseAs: "blob",
  });
  if (!response.ok || data === undefined) throw toApiError(response, error);
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `basket-plan-${String(planId)}.csv`;
  const url = URL.createObjectURL(data);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click has been handled.
  setTimeout(() => { URL.revokeObjectURL(url); }, 0);
}

export function fetchChoices(): Promise<BasketChoices> {
  return unwrap(api.GET("/api/v1/basket/choices"));
}

export function saveChoices(body: BasketChoicesBody): Promise<BasketChoices> {
  return unwrap(api.PUT("/api/v1/basket/choices", { body }));
}

export function fetchWantChoices(page: number, perPage: number): Promise<WantChoicePage> {
  return unwrap(api.GET("/api/v1/basket/wants", { params: { query: { page, per_page: perPage } } }));
}

export function saveWantChoice(wantId: number, body: WantChoiceBody): Promise<WantChoice> {
  return unwrap(api.PUT("/api/v1/basket/wants/{want_id}", { params: { path: { want_id: wantId } }, body }));
}
