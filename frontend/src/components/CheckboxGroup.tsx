import { useId } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";

interface CheckboxGroupProps {
  legend: string;
  options: readonly { value: string; label: string }[];
  /** One registration shared by every box: the form reads the checked values as a list. */
  registration: UseFormRegisterReturn;
  description?: string | undefined;
  error?: string | undefined;
  columns?: 1 | 2 | 3;
}

const GRID: Record<NonNullable<CheckboxGroupProps["columns"]>, string> = {
  1: "grid-cols-1",
  2: "grid-cols-2",
  3: "grid-cols-2 sm:grid-cols-3",
};

/** Several choices of which any number may be picked, grouped under a legend. */
export function CheckboxGroup({ legend, options, registration, description, error, columns = 2 }: CheckboxGroupProps) {
  const id = useId();
  const descriptionId = description ? `${id}-description` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset aria-describedby={[descriptionId, errorId].filter(Boolean).join(" ") || undefined} className="flex min-w-0 flex-col gap-2">
      <legend className="text-sm font-medium text-slate-900">{legend}</legend>
      {description && (
        <p id={descriptionId} className="-mt-1 text-sm text-slate-600">
          {description}
        </p>
      )}
      <div className={`grid gap-x-4 gap-y-2 ${GRID[columns]}`}>
        {options.map((option) => (
          <label key={option.value} className="flex items-center gap-2 text-sm text-slate-900">
            <input
              type="checkbox"
              value={option.value}
              aria-invalid={error ? true : undefined}
              className="h-5 w-5 shrink-0 rounded border-slate-400 accent-indigo-700"
              {...registration}
            />
            {option.label}
          </label>
        ))}
      </div>
      {error && (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
