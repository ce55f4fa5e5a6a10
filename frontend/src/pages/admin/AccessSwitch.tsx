import { Spinner } from "../../components/Spinner";

interface AccessSwitchProps {
  checked: boolean;
  /** The accessible name, naming the setting and the account. */
  label: string;
  /** A change to this account is on its way: the switch waits for it. */
  busy: boolean;
  onToggle: () => void;
}

/** An on/off switch for one of an account's permissions. */
export function AccessSwitch({ checked, label, busy, onToggle }: AccessSwitchProps) {
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        role="switch"
        aria-checked={checked}
        aria-label={label}
        aria-busy={busy || undefined}
        disabled={busy}
        onClick={onToggle}
        className={`relative inline-flex h-6 w-11 shrink-0 items-center rounded-full border-2 border-transparent transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-700 disabled:cursor-not-allowed disabled:opacity-60 ${
          checked ? "bg-indigo-700" : "bg-slate-400"
        }`}
      >
        <span
          aria-hidden="true"
          className={`inline-block h-5 w-5 rounded-full bg-white shadow transition-transform ${checked ? "translate-x-5" : "translate-x-0"}`}
        />
      </button>
      {busy && <Spinner className="h-4 w-4 text-slate-600" />}
    </span>
  );
}
