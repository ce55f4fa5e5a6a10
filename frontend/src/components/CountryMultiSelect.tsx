import { useId, useState, type Ref } from "react";
import { COMMON_COUNTRIES, countryName, findCountries } from "../lib/countries";

interface CountryMultiSelectProps {
  legend: string;
  value: readonly string[];
  onChange: (codes: string[]) => void;
  onBlur?: () => void;
  description?: string | undefined;
  error?: string | undefined;
  /** Receives the filter field, which takes focus when the group has an error. */
  ref?: Ref<HTMLInputElement>;
}

/**
 * Picks any number of countries out of ~250: the chosen ones as removable chips, common ones
 * offered straight away, and the rest found by typing part of a name or a code.
 */
export function CountryMultiSelect({ legend, value, onChange, onBlur, description, error, ref }: CountryMultiSelectProps) {
  const id = useId();
  const [filter, setFilter] = useState("");
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const selected = new Set(value);
  const matches = filter.trim()
    ? findCountries(filter).map((country) => country.code)
    : [...value, ...COMMON_COUNTRIES.filter((code) => !selected.has(code))];

  function toggle(code: string, checked: boolean) {
    onChange(checked ? [...value, code] : value.filter((item) => item !== code));
  }

  return (
    <fieldset aria-describedby={[descriptionId, errorId].filter(Boolean).join(" ") || undefined} className="flex min-w-0 flex-col gap-2">
      <legend className="text-sm font-medium text-slate-900">{legend}</legend>
      {description && (
        <p id={descriptionId} className="-mt-1 text-sm text-slate-600">
          {description}
        </p>
      )}
      {value.length > 0 && (
        <ul aria-label={`${legend}: chosen`} className="flex flex-wrap gap-2">
          {value.map((code) => (
            <li key={code} className="flex items-center gap-1 rounded-full bg-indigo-100 py-0.5 pl-3 pr-1 text-sm text-indigo-950">
              {countryName(code)}
              <button
                type="button"
                onClick={() => { toggle(code, false); }}
                aria-label={`Remove ${countryName(code)}`}
                className="rounded-full px-1.5 font-semibold hover:bg-indigo-200"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={`${id}-filter`} className="sr-only">
        Find a country for {legend.toLowerCase()}
      </label>
      <input
        ref={ref}
        id={`${id}-filter`}
        type="search"
        value={filter}
        placeholder="Find a country"
        aria-invalid={error ? true : undefined}
        onChange={(event) => { setFilter(event.target.value); }}
        onBlur={onBlur}
        className={`min-h-10 rounded-md border bg-white px-3 py-2 text-base text-slate-900 shadow-sm sm:text-sm ${error ? "border-red-700" : "border-slate-400"}`}
      />
      <div className="max-h-52 overflow-y-auto rounded-md border border-slate-200 p-2">
        {matches.length === 0 ? (
          <p className="text-sm text-slate-600">No country matches “{filter.trim()}”.</p>
        ) : (
          <div className="grid grid-cols-1 gap-x-4 gap-y-1.5 sm:grid-cols-2">
            {matches.map((code) => (
              <label key={code} className="flex items-center gap-2 text-sm text-slate-900">
                <input
                  type="checkbox"
                  checked={selected.has(code)}
                  onChange={(event) => { toggle(code, event.target.checked); }}
                  className="h-5 w-5 shrink-0 rounded border-slate-400 accent-indigo-700"
                />
                {countryName(code)} <span className="text-slate-500">({code})</span>
              </label>
            ))}
          </div>
        )}
      </div>
      {!filter.trim() && <p className="text-xs text-slate-600">Type to find any other country.</p>}
      {error && (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
