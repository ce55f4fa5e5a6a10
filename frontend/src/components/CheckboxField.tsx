import { useId, type InputHTMLAttributes, type Ref } from "react";

interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "type"> {
  label: string;
  description?: string | undefined;
  ref?: Ref<HTMLInputElement>;
}

/** One checkbox with its label and, optionally, a line explaining it. */
export function CheckboxField({ label, description, id, className = "", ref, ...inputProps }: CheckboxFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const descriptionId = description ? `${inputId}-description` : undefined;
  return (
    <div className={`flex items-start gap-3 ${className}`}>
      <input
        ref={ref}
        id={inputId}
        type="checkbox"
        aria-describedby={descriptionId}
        className="mt-0.5 h-5 w-5 shrink-0 rounded border-slate-400 accent-indigo-700 disabled:opacity-50"
        {...inputProps}
      />
      <div className="flex flex-col">
        <label htmlFor={inputId} className={`text-sm font-medium ${inputProps.disabled ? "text-slate-500" : "text-slate-900"}`}>
          {label}
        </label>
        {description && (
          <p id={descriptionId} className="text-sm text-slate-600">
            {description}
          </p>
        )}
      </div>
    </div>
  );
}
