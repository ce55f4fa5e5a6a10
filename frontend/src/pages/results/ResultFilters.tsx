import { useId, useState } from "react";
import { Button } from "../../components/Button";
import { CommitField } from "../../components/CommitField";
import { SelectField } from "../../components/SelectField";
import { useMediaQuery, WIDE_SCREEN } from "../../hooks/useMediaQuery";
import { CONFIDENCE_LABELS, FLAG_FILTER_LABELS, GRADE_NAMES, GRADES, PLATFORM_OPTIONS } from "../../lib/marketText";
import type { Confidence, Grade, ResultFilters as Filters, ResultFlag, ResultPlatform } from "../../services/results";
import { activeFilterCount, MAX_PRICE_LIMIT, validPrice } from "./resultParams";

interface ResultFiltersProps {
  filters: Filters;
  onChange: (changes: Partial<Filters>) => void;
  onClear: () => void;
}

const PLATFORMS = [{ value: "", label: "Both" }, ...PLATFORM_OPTIONS];
const FLAGS = [
  { value: "", label: "Any" },
  ...(Object.entries(FLAG_FILTER_LABELS) as [ResultFlag, string][]).map(([value, label]) => ({ value, label })),
];
const GRADE_OPTIONS = [{ value: "", label: "Any" }, ...GRADES.map((grade) => ({ value: grade, label: `${grade} (${GRADE_NAMES[grade]}) or better` }))];
const CONFIDENCES = [
  { value: "", label: "Any" },
  ...(Object.entries(CONFIDENCE_LABELS) as [Confidence, string][]).map(([value, label]) => ({ value, label })),
];

function priceProblem(draft: string): string | null {
  if (draft === "" || validPrice(draft) !== "") return null;
  return `Enter an amount from 0 to ${MAX_PRICE_LIMIT.toLocaleString()}, e.g. 25 or 24.99.`;
}

function Toggle({ label, checked, onChange }: { label: string; checked: boolean; onChange: (checked: boolean) => void }) {
  const id = useId();
  return (
    <div className="flex min-h-10 items-center gap-2">
      <input id={id} type="checkbox" checked={checked} onChange={(event) => { onChange(event.target.checked); }} className="h-4 w-4 rounded border-slate-400 text-indigo-700" />
      <label htmlFor={id} className="text-sm font-medium text-slate-900">
        {label}
      </label>
    </div>
  );
}

/** Narrows the results; every change is written to the address. Folded away on phones. */
export function ResultFilters({ filters, onChange, onClear }: ResultFiltersProps) {
  const wide = useMediaQuery(WIDE_SCREEN);
  const [open, setOpen] = useState(false);
  const active = activeFilterCount(filters);
  const panelId = useId();
  const shown = wide || open;

  return (
    <section aria-labelledby={`${panelId}-heading`} className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`${panelId}-heading`} className="text-base font-semibold text-slate-900">
          {active > 0 ? `Filters (${active} active)` : "Filters"}
        </h2>
        <div className="flex gap-2">
          {active > 0 && (
            <Button variant="ghost" onClick={onClear}>
              Clear filters
            </Button>
          )}
          {!wide && (
            <Button variant="secondary" aria-expanded={open} aria-controls={panelId} onClick={() => { setOpen((value) => !value); }}>
              {open ? "Hide filters" : "Show filters"}
            </Button>
          )}
        </div>
      </div>
      <div id={panelId} hidden={!shown} className="mt-3 grid items-end gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <SelectField label="Marketplace" options={PLATFORMS} value={filters.platform} onChange={(event) => { onChange({ platform: event.target.value as ResultPlatform | "" }); }} />
        <SelectField label="Flag" options={FLAGS} value={filters.flag} onChange={(event) => { onChange({ flag: event.target.value as ResultFlag | "" }); }} />
        <SelectField label="Media condition" options={GRADE_OPTIONS} value={filters.minGrade} onChange={(event) => { onChange({ minGrade: event.target.value as Grade | "" }); }} />
        <SelectField label="Match confidence" options={CONFIDENCES} value={filters.confidence} onChange={(event) => { onChange({ confidence: event.target.value as Confidence | "" }); }} />
        <CommitField
          label="Max price"
          description="In the listing's currency, before shipping."
          inputMode="decimal"
          value={filters.maxPrice}
          validate={priceProblem}
          onCommit={(maxPrice) => { onChange({ maxPrice }); }}
        />
        <CommitField label="Seller" description="Their exact user name." autoComplete="off" value={filters.seller} onCommit={(seller) => { onChange({ seller }); }} />
        <div className="flex flex-col justify-end gap-1 sm:col-span-2">
          <Toggle label="Only new since the last run" checked={filters.newOnly} onChange={(newOnly) => { onChange({ newOnly }); }} />
          <Toggle label="Include listings that are gone" checked={filters.includeGone} onChange={(includeGone) => { onChange({ includeGone }); }} />
        </div>
      </div>
    </section>
  );
}
