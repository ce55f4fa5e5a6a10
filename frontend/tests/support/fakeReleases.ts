import type { components } from "../../src/lib/api/schema";
import { errorBody, http, unauthorized, type FakeBackend } from "./fakeBackend";

type GradeBand = NonNullable<components["schemas"]["PriceSeriesOut"]["grade"]>;

const BANDS = ["M/NM", "VG+", "VG", "G+ and below", "unknown"];
const DAY_MS = 86_400_000;

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const cents = (value: number) => (Math.round(value * 100) / 100).toFixed(2);

export function releaseHandlers(backend: FakeBackend) {
  const market = backend.market;
  const notFound = () => errorBody("not_found", "Release not found");

  return [
    http.get("/api/v1/releases/{release_id}", ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const view = market.releases.get(Number(params.release_id));
      return view ? response(200).json(view) : response(404).json(notFound());
    }),

    /** Every day up to today: the listings for sale in the band, their lowest and median price. */
    http.get("/api/v1/releases/{release_id}/prices", ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const url = new URL(request.url);
      market.calls.prices.push(Object.fromEntries(url.searchParams));
      const releaseId = Number(params.release_id);
      const view = market.releases.get(releaseId);
      if (!view) return response(404).json(notFound());
      const days = Number(url.searchParams.get("days") ?? "90");
      if (!Number.isInteger(days) || days < 1 || days > 365) {
        return response(422).json(errorBody("validation_error", "days: Input should be less than or equal to 365", [{ field: "days", message: "Input should be less than or equal to 365" }]));
      }
      const grade = url.searchParams.get("grade");
      if (grade !== null && !BANDS.includes(grade)) {
        return response(422).json(errorBody("validation_error", "grade: Input should be a grade band", [{ field: "grade", message: "Input should be a grade band" }]));
      }
      const end = Date.parse(`${market.today}T00:00:00Z`);
      const observations = (market.prices.get(releaseId) ?? []).filter((seen) => grade === null || seen.band === grade);
      const series = Array.from({ length: days }, (_, index) => {
        const date = new Date(end - (days - 1 - index) * DAY_MS).toISOString().slice(0, 10);
        const prices = observations
          .filter((seen) => seen.from <= date && (seen.to === null || date <= seen.to))
          .map((seen) => Number(seen.amount))
          .sort((a, b) => a - b);
        return {
          date,
          count: prices.length,
          lowest: prices.length > 0 ? { amount: cents(prices[0]!), currency: view.currency } : null,
          median: prices.length > 0 ? { amount: cents(median(prices)), currency: view.currency } : null,
        };
      });
      return response(200).json({
        release_id: releaseId,
        currency: view.currency,
        grade: grade as GradeBand | null,
        start: series[0]!.date,
        end: market.today,
        rates_as_of: view.rates_as_of,
        unconverted_listings: 0,
        days: series,
      });
    }),
  ];
}
