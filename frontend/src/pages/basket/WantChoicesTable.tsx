import { useState } from "react";
import { useSearchParams } from "react-router";
import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { Pagination } from "../../components/Pagination";
import { TextLink } from "../../components/TextLink";
import { useSaveWantChoice, useWantChoices, WANT_CHOICES_PER_PAGE } from "../../hooks/useBasketChoices";
import { describeError } from "../../lib/api/errors";
import type { WantChoice } from "../../services/basket";
import { ANY_PRESSING_CHOICES, type AnyPressingChoice } from "../../services/library";

const CHOICE_LABELS: Record<WantChoice["choice"], string> = {
  must: "Must buy",
  optional: "If it fits",
  skip: "Skip",
};

/** A want's stored switch as the three choices of the Want list page. */
function choiceOf(anyPressing: boolean | null): AnyPressingChoice {
  return anyPressing === null ? "search" : anyPressing ? "any" : "this";
}

const MONEY = /^\d{1,7}(\.\d{1,2})?$/;

function WantRow({ want, currency }: { want: WantChoice; currency: string }) {
  const save = useSaveWantChoice();
  const [choice, setChoice] = useState(want.choice);
  const [maxPrice, setMaxPrice] = useState(want.max_price ?? "");
  const [anyPressing, setAnyPressing] = useState<AnyPressingChoice>(choiceOf(want.any_pressing));
  const validPrice = maxPrice.trim() === "" || MONEY.test(maxPrice.trim());
  const dirty = choice !== want.choice || maxPrice !== (want.max_price ?? "") || anyPressing !== choiceOf(want.any_pressing);

  function onSave() {
    save.mutate({ wantId: want.want_id, body: { choice, max_price: maxPrice.trim() === "" ? null : maxPrice.trim(), any_pressing: anyPressing === "search" ? null : anyPressing === "any" } });
  }

  return (
    <tr className="border-t border-slate-100 align-top">
      <th scope="row" className="py-2 pr-3 text-left font-normal">
        <TextLink to={`/releases/${String(want.release_id)}`}>{want.release}</TextLink>
        {want.bought && (
          <span className="ml-2">
            <Badge tone="emerald">Bought</Badge>
          </span>
        )}
      </th>
      <td className="py-2 pr-3">
        <select
          aria-label={`Choice for ${want.release}`}
          value={choice}
          onChange={(event) => { setChoice(event.target.value as WantChoice["choice"]); }}
          className="min-h-10 rounded-md border border-slate-400 bg-white px-2 text-sm"
        >
          {Object.entries(CHOICE_LABELS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </td>
      <td className="py-2 pr-3">
        <input
          aria-label={`Max price delivered for ${want.release} (${currency})`}
          aria-invalid={validPrice ? undefined : true}
          inputMode="decimal"
          value={maxPrice}
          placeholder="No limit"
          onChange={(event) => { setMaxPrice(event.target.value); }}
          className={`min-h-10 w-28 rounded-md border px-2 text-sm ${validPrice ? "border-slate-400" : "border-red-700"}`}
        />
      </td>
      <td className="py-2 pr-3 text-center">
        <select
          aria-label={`Pressing wanted for ${want.release}`}
          value={anyPressing}
          onChange={(event) => { setAnyPressing(event.target.value as AnyPressingChoice); }}
          className="min-h-10 rounded-md border border-slate-400 bg-white px-2 text-sm"
        >
          {ANY_PRESSING_CHOICES.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </td>
      <td className="py-2">
        <Button type="button" variant="secondary" disabled={!dirty || !validPrice} busy={save.isPending} onClick={onSave} aria-label={`Save choices for ${want.release}`}>
          Save
        </Button>
        {save.isError && (
          <p role="alert" className="mt-1 text-xs text-red-800">
            {describeError(save.error)}
          </p>
        )}
      </td>
    </tr>
  );
}

/** Each wanted record's choice: must buy, buy if it fits, or skip; its max price delivered and whether any pressing will do. */
export function WantChoicesTable({ currency }: { currency: string }) {
  const [params] = useSearchParams();
  const page = Math.max(1, Number(params.get("wants_page") ?? "1") || 1);
  const wants = useWantChoices(page);

  function hrefFor(target: number) {
    const next = new URLSearchParams(params);
    next.set("wants_page", String(target));
    return { search: `?${next.toString()}` };
  }

  if (wants.isPending) return <p className="text-sm text-slate-700">Loading your records…</p>;
  if (wants.isError) return <p className="text-sm text-slate-700">Could not load your records.</p>;
  if (wants.data.total === 0) return <p className="text-sm text-slate-700">Your want list is empty: sync it on the Want list page.</p>;
  return (
    <div className="flex flex-col gap-3">
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">Choices for each wanted record</caption>
          <thead>
            <tr className="text-left text-slate-700">
              <th scope="col" className="py-1 pr-3 font-medium">Record</th>
              <th scope="col" className="py-1 pr-3 font-medium">Choice</th>
              <th scope="col" className="py-1 pr-3 font-medium">Max price delivered</th>
              <th scope="col" className="py-1 pr-3 font-medium">Pressing</th>
              <th scope="col" className="py-1 font-medium">
                <span className="sr-only">Save</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {wants.data.items.map((want) => (
              <WantRow key={`${String(want.want_id)}:${want.choice}:${want.max_price ?? ""}:${String(want.any_pressing)}`} want={want} currency={currency} />
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={wants.data.page} pages={wants.data.pages} total={wants.data.total} perPage={WANT_CHOICES_PER_PAGE} hrefFor={hrefFor} noun="records" />
    </div>
  );
}
