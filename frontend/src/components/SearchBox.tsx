import { useEffect, useId, useState } from "react";

const DEBOUNCE_MS = 300;

interface SearchBoxProps {
  label: string;
  /** The committed search (e.g. from the address); typing commits after a short pause. */
  value: string;
  onSearch: (value: string) => void;
  placeholder?: string;
}

/** A search field that waits for a pause in typing before searching. */
export function SearchBox({ label, value, onSearch, placeholder }: SearchBoxProps) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  // The value the draft was last aligned with: ours once sent, or one set from outside.
  const [aligned, setAligned] = useState(value);
  if (value !== aligned) {
    // Changed from outside (Back, a "clear search" link): show it.
    setAligned(value);
    setDraft(value);
  }

  useEffect(() => {
    const next = draft.trim();
    if (next === aligned) return;
    const timer = setTimeout(() => {
      setAligned(next);
      onSearch(next);
    }, DEBOUNCE_MS);
    return () => { clearTimeout(timer); };
  }, [draft, aligned, onSearch]);

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-900">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={draft}
        placeholder={placeholder}
        onChange={(event) => { setDraft(event.target.value); }}
        onKeyDown={(event) => {
          if (event.key === "Enter") {
            setAligned(draft.trim());
            onSearch(draft.trim());
          }
        }}
        className="min-h-10 w-full rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 shadow-sm sm:w-80 sm:text-sm"
      />
    </div>
  );
}
