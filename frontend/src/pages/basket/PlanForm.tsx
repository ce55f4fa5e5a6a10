import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "../../components/Button";
import { TextField } from "../../components/TextField";
import { reportSubmitError } from "../../lib/forms";

const planSchema = z.object({
  max_sellers: z
    .string()
    .trim()
    .refine((value) => value === "" || (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 500), "Enter a whole number from 1 to 500, or leave it empty."),
});

type PlanValues = z.infer<typeof planSchema>;

interface PlanFormProps {
  /** Makes the plan; a rejection is shown under the field it concerns or as a toast. */
  onPlan: (maxSellers: number | null) => Promise<void>;
  busy: boolean;
}

/** "Plan my basket", with an optional limit on the number of sellers (parcels). */
export function PlanForm({ onPlan, busy }: PlanFormProps) {
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<PlanValues>({ resolver: zodResolver(planSchema), defaultValues: { max_sellers: "" } });

  const onSubmit = handleSubmit(async ({ max_sellers }) => {
    try {
      await onPlan(max_sellers === "" ? null : Number(max_sellers));
    } catch (error) {
      reportSubmitError(error, setError, ["max_sellers"]);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="plan-heading" className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <div>
        <h2 id="plan-heading" className="text-base font-semibold text-slate-900">
          Plan my basket
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          Picks which listings to buy from which sellers so that your wanted records cost the least, shipping included. It uses what your searches
          found for sale now.
        </p>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <TextField
          label="At most this many sellers (optional)"
          description="Fewer parcels can cost more; leave empty for the cheapest plan."
          inputMode="numeric"
          className="sm:w-72"
          error={errors.max_sellers?.message}
          {...register("max_sellers")}
        />
        <Button type="submit" busy={busy}>
          {busy ? "Planning…" : "Plan my basket"}
        </Button>
      </div>
      {busy && (
        <p role="status" className="text-sm text-slate-700">
          Working out the cheapest combination. This can take up to a minute for a long want list.
        </p>
      )}
    </form>
  );
}
