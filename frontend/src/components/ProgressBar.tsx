interface ProgressBarProps {
  /** What is progressing, read out with the value. */
  label: string;
  value: number;
  /** Unknown until the job knows how much there is: the bar then shows activity only. */
  max: number | null;
  valueText?: string;
}

/** A progress bar exposed to assistive technology with its range and a spoken value. */
export function ProgressBar({ label, value, max, valueText }: ProgressBarProps) {
  const known = max !== null && max > 0;
  const percent = known ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={known ? max : undefined}
      aria-valuenow={known ? Math.min(value, max) : undefined}
      aria-valuetext={valueText}
      className="h-2.5 w-full overflow-hidden rounded-full bg-slate-200"
    >
      {known ? (
        <div className="h-full rounded-full bg-indigo-700 transition-[width] duration-300" style={{ width: `${percent}%` }} />
      ) : (
        <div className="h-full w-1/3 animate-pulse rounded-full bg-indigo-400" />
      )}
    </div>
  );
}
