import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect } from "react";
import { useForm } from "react-hook-form";
import { Button } from "../../components/Button";
import { SelectField } from "../../components/SelectField";
import { TextField } from "../../components/TextField";
import { reportSubmitError } from "../../lib/forms";
import type { BasketChoices, BasketChoicesBody } from "../../services/basket";
import { CHOICE_FIELDS, GRADE_OPTIONS, choicesBody, choicesSchema, choicesValues, type ChoicesValues } from "./choicesForm";

interface ChoicesFormProps {
  choices: BasketChoices;
  /** Saves the choices and makes a plan with them; a rejection is shown under its field or as a toast. */
  onPlan: (choices: BasketChoicesBody) => Promise<void>;
  busy: boolean;
}

/** "Plan my basket" with the buyer's choices for every plan: grades, seller cap, budget and what a record is worth. */
export function ChoicesForm({ choices, onPlan, busy }: ChoicesFormProps) {
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors },
  } = useForm<ChoicesValues>({ resolver: zodResolver(choicesSchema), defaultValues: choicesValues(choices) });

  useEffect(() => { reset(choicesValues(choices)); }, [choices, reset]);

  const onSubmit = handleSubmit(async (values) => {
    try {
      await onPlan(choicesBody(values));
    } catch (error) {
      reportSubmitError(error, setError, CHOICE_FIELDS);
    }
  });

  const currency = choices.currency;
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="plan-heading" className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-5 print:hidden">
      <div>
        <h2 id="plan-heading" className="text-base font-semibold text-slate-900">
          Plan my basket
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          Picks which listings to buy from which sellers so that your wanted records cost the least, shipping included, within your choices. It
          uses what your searches found for sale now.
        </p>
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <SelectField label="Minimum media grade" options={GRADE_OPTIONS} {...register("min_media_grade")} />
        <SelectField label="Minimum sleeve grade" options={GRADE_OPTIONS} {...register("min_sleeve_grade")} />
        <TextField
          label="At most this many parcels"
          description="Fewer parcels plan the most valuable records that many sellers can cover."
          inputMode="numeric"
          error={errors.max_parcels?.message}
          {...register("max_parcels")}
        />
        <TextField label={`Budget (${currency})`} description="Total with shipping; empty for no budget." inputMode="decimal" error={errors.budget?.message} {...register("budget")} />
        <TextField
          label={`A record is worth (${currency})`}
          description="For records without a max price of their own; empty: any price."
          inputMode="decimal"
          error={errors.default_value?.message}
          {...register("default_value")}
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" busy={busy}>
          {busy ? "Planning…" : "Plan my basket"}
        </Button>
        {busy && (
          <p role="status" className="text-sm text-slate-700">
            Working out the cheapest combination and the cost for each number of parcels. This can take up to a minute for a long want list.
          </p>
        )}
      </div>
    </form>
  );
}
