import { useId } from "react";
import { useSearchParams } from "react-router";
import { SelectField } from "../../components/SelectField";
import { useReleasePrices } from "../../hooks/useRelease";
import { plural } from "../../lib/format";
import { GRADE_BANDS, PRICE_RANGES, type GradeBand, type PriceRange } from "../../services/releases";
import { PriceChart } from "./PriceChart";
import { BAND_LABELS, priceSummary } from "./releaseText";

const DEFAULT_RANGE: PriceRange = 90;
const RANGE_LABELS: Record<PriceRange, string> = { 30: "30 days", 90: "90 days", 365: "1 year" };
const BAND_OPTIONS = [{ value: "", label: "All conditions" }, ...GRADE_BANDS.map((band) => ({ value: band, label: BAND_LABELS[band] }))];

function usePriceParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  const days = PRICE_RANGES.find((range) => String(range) === searchParams.get("days")) ?? DEFAULT_RANGE;
  const grade = GRADE_BANDS.find((band) => band === searchParams.get("grade")) ?? null;
  function set(key: "days" | "grade", value: string | null) {
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true, preventScrollReset: true },
    );
  }
  return {
    days,
    grade,
    setDays: (range: PriceRange) => { set("days", range === DEFAULT_RANGE ? null : String(range)); },
    setGrade: (band: GradeBand | null) => { set("grade", band); },
  };
}

/** The release's daily lowest and median price, by condition band, over 30, 90 or 365 days. */
export function PriceHistory({ releaseId }: { releaseId: number }) {
  const { days, grade, setDays, setGrade } = usePriceParams();
  const prices = useReleasePrices(releaseId, days, grade);
  const captionId = useId();
  const series = prices.data;
  const summary = series === undefined ? null : priceSummary(series);
  const scope = `${grade === null ? "all conditions" : BAND_LABELS[grade].toLowerCase()}, last ${RANGE_LABELS[days]}`;

  return (
    <section aria-labelledby="prices-heading" className="flex flex-col gap-4">
      <h2 id="prices-heading" className="text-lg font-semibold text-slate-900">
        Price history
      </h2>
      <div className="flex flex-wrap items-end gap-4">
        <fieldset>
          <legend className="text-sm font-medium text-slate-900">Period</legend>
          <div className="mt-1 flex gap-1">
            {PRICE_RANGES.map((range) => (
              <label key={range} className="flex min-h-10 cursor-pointer items-center gap-2 rounded-md border border-slate-300 bg-white px-3 text-sm has-checked:border-indigo-700 has-checked:bg-indigo-50 has-checked:font-semibold">
                <input type="radio" name="price-range" value={range} checked={days === range} onChange={() => { setDays(range); }} className="text-indigo-700" />
                {RANGE_LABELS[range]}
              </label>
            ))}
          </div>
        </fieldset>
        <SelectField label="Condition" className="sm:w-56" options={BAND_OPTIONS} value={grade ?? ""} onChange={(event) => { setGrade(GRADE_BANDS.find((band) => band === event.target.value) ?? null); }} />
      </div>
      {series === undefined ? (
        prices.isError ? (
          <p className="text-sm text-slate-700">
            Could not load the price history.{" "}
            <button type="button" className="font-semibold text-indigo-800 underline" onClick={() => void prices.refetch()}>
              Try again
            </button>
          </p>
        ) : (
          <div role="status" aria-label="Loading the price history" className="h-72 animate-pulse rounded-lg bg-slate-200" />
        )
      ) : summary === null ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-700">
          No listings of this release were seen for sale ({scope}).
        </p>
      ) : (
        <figure aria-labelledby={captionId} aria-busy={prices.isPlaceholderData} className={`rounded-lg border border-slate-200 bg-white p-3 ${prices.isPlaceholderData ? "opacity-60" : ""}`}>
          <PriceChart series={series} />
          <figcaption id={captionId} className="mt-2 text-sm text-slate-700">
            Daily lowest and median asking price in {series.currency} ({scope}). {summary}
          </figcaption>
        </figure>
      )}
      {series !== undefined && series.unconverted_listings > 0 && (
        <p className="text-sm text-slate-700">
          {plural(series.unconverted_listings, "listing")} in currencies without an exchange rate {series.unconverted_listings === 1 ? "is" : "are"} left out.
        </p>
      )}
    </section>
  );
}
