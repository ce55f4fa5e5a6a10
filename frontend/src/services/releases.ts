import { api } from "../lib/api/client";
import type { components } from "../lib/api/schema";
import { unwrap } from "../lib/api/unwrap";

export type ReleaseView = components["schemas"]["ReleaseViewOut"];
export type ReleaseOffer = components["schemas"]["ReleaseOfferOut"];
export type PriceSeries = components["schemas"]["PriceSeriesOut"];
export type DailyPrice = components["schemas"]["DailyPriceOut"];
export type GradeBand = NonNullable<PriceSeries["grade"]>;

export const GRADE_BANDS: readonly GradeBand[] = ["M/NM", "VG+", "VG", "G+ and below", "unknown"];
export const PRICE_RANGES = [30, 90, 365] as const;
export type PriceRange = (typeof PRICE_RANGES)[number];

export function getReleaseView(releaseId: number): Promise<ReleaseView> {
  return unwrap(api.GET("/api/v1/releases/{release_id}", { params: { path: { release_id: releaseId } } }));
}

/** Daily lowest and median prices over the last `days` days, in one grade band or all. */
export function getReleasePrices(releaseId: number, { days, grade }: { days: PriceRange; grade: GradeBand | null }, signal?: AbortSignal): Promise<PriceSeries> {
  return unwrap(
    api.GET("/api/v1/releases/{release_id}/prices", {
      params: { path: { release_id: releaseId }, query: { days, ...(grade ? { grade } : {}) } },
      signal,
    }),
  );
}
