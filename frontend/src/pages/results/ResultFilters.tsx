import { useId, useState } from "react";
import { Button } from "../../components/Button";
import { CommitField } from "../../components/CommitField";
import { SelectField } from "../../components/SelectField";
import { useCurrentUser } from "../../hooks/useCurrentUser";
import { useMediaQuery, WIDE_SCREEN } from "../../hooks/useMediaQuery";
import { CONFIDENCE_LABELS, FLAG_FILTER_LABELS, GRADE_NAMES, GRADES, PLATFORM_OPTIONS } from "../../lib/marketText";
import type { Confidence, Grade, ResultFilters as Filters, ResultFlag, ResultPlatform } from "../../services/results";
import { activeFilterCount, MAX_PRICE_LIMIT, validPrice } from "./resultParams";

interface ResultFiltersProps {
  filters: Filters;
  /** The minimum grade results open at (the profile's, or Good). */
  defaultGrade: Grade | "";
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

interface ToggleProps {
  label: string;
  description?: string;
  disabled?: boolean;
  checked: boolean;
  onChange: (checked: boolean) => void;
}

function Toggle({ label, description, disabled = false, checked, onChange }: ToggleProps) {
  const id = useId();
  return (
    <div className="flex min-h-10 items-center gap-2">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        aria-describedby={description ? `${id}-description` : undefined}
        onChange={(event) => { onChange(event.target.checked); }}
        className="h-4 w-4 rounded border-slate-400 text-indigo-700 disabled:opacity-50"
      />
      <div>
        <label htmlFor={id} className={`text-sm font-medium ${disabled ? "text-slate-600" : "text-slate-900"}`}>
          {label}
        </label>
        {description && (
          <p id={`${id}-description`} className="text-xs text-slate-700">
            {description}
          </p>
        )}
      </div>
    </div>
  );
}

/** Narrows the results; every change is written to the address. Folded away on phones. */
export function ResultFilters({ filters, defaultGrade, onChange, onClear }: ResultFiltersProps) {
  const wide = useMediaQuery(WIDE_SCREEN);
  const [open, setOpen] = useState(false);
  const currency = useCurrentUser().data?.currency;
  const active = activeFilterCount(filters, defaultGrade);
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
          label={currency ? `Max price (${currency})` : "Max price"}
          description="Delivered, in your currency."
          inputMode="decimal"
          value={filters.maxPrice}
          validate={priceProblem}
          onCommit={(maxPrice) => { onChange({ maxPrice }); }}
        />
        <CommitField label="Seller" description="Their exact user name." autoComplete="off" value={filters.seller} onCommit={(seller) => { onChange({ seller }); }} />
        <div className="flex flex-col justify-end gap-1 sm:col-span-2">
          <Toggle
            label="Include ungraded listings"
            description={filters.minGrade ? "Listings that state no media grade, as most eBay listings" : "Choose a media condition first"}
            disabled={filters.minGrade === ""}
            checked={filters.minGrade !== "" && filters.includeUngraded}
            onChange={(includeUngraded) => { onChange({ includeUngraded }); }}
          />
          <Toggle label="Only new since the last run" checked={filters.newOnly} onChange={(newOnly) => { onChange({ newOnly }); }} />
          <Toggle label="Include listings that are gone" checked={filters.includeGone} onChange={(includeGone) => { onChange({ includeGone }); }} />
        </div>
      </div>
    </section>
  );
}
