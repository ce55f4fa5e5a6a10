import { useState, type InputHTMLAttributes } from "react";
import { TextField } from "./TextField";

interface CommitFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange"> {
  label: string;
  /** The committed value (e.g. from the address). */
  value: string;
  onCommit: (value: string) => void;
  /** A message when the draft cannot be committed, else null. */
  validate?: (draft: string) => string | null;
  description?: string;
}

/**
 * A text input whose value takes effect on Enter or when focus leaves it, not on every
 * keystroke: for filters that would otherwise ask the server about half-typed values.
 */
export function CommitField({ label, value, onCommit, validate, description, ...inputProps }: CommitFieldProps) {
  const [draft, setDraft] = useState(value);
  const [aligned, setAligned] = useState(value);
  const [error, setError] = useState<string | null>(null);
  if (value !== aligned) {
    // Changed from outside (Back, "Clear filters"): show it.
    setAligned(value);
    setDraft(value);
    setError(null);
  }

  function commit() {
    const next = draft.trim();
    const problem = validate?.(next) ?? null;
    setError(problem);
    if (problem !== null || next === value) return;
    setAligned(next);
    onCommit(next);
  }

  return (
    <TextField
      label={label}
      description={description}
      value={draft}
      error={error ?? undefined}
      onChange={(event) => { setDraft(event.target.value); }}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key !== "Enter") return;
        event.preventDefault();
        commit();
      }}
      {...inputProps}
    />
  );
}
