import { useHeldValue } from "../../hooks/useHeldValue";
import { useAnyPressing } from "../../hooks/useLibrary";
import { ANY_PRESSING_CHOICES, anyPressingChoice, type AnyPressingChoice, type Want } from "../../services/library";

/**
 * Whether a listing of the album that does not say which pressing it is counts as this want.
 * "As the search says" follows the saved search's "any pressing" criterion.
 */
export function AnyPressingSelect({ want }: { want: Want }) {
  const change = useAnyPressing();
  const select = useHeldValue(anyPressingChoice(want));
  const onChange = (choice: AnyPressingChoice) => {
    select.hold(choice);
    change.mutate({ want, choice }, { onSettled: select.release });
  };
  return (
    <select
      aria-label={`Pressing wanted for ${want.release.title}`}
      value={select.value}
      disabled={select.saving}
      onChange={(event) => { onChange(event.target.value as AnyPressingChoice); }}
      className="min-h-9 w-full min-w-36 rounded-md border border-slate-400 bg-white px-2 py-1 text-sm text-slate-900"
    >
      {ANY_PRESSING_CHOICES.map((choice) => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
    </select>
  );
}
