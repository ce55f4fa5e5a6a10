import { useForm } from "react-hook-form";
import { Button } from "../../../components/Button";
import { CheckboxField } from "../../../components/CheckboxField";
import { CheckboxGroup } from "../../../components/CheckboxGroup";
import { SelectField } from "../../../components/SelectField";
import { TextField } from "../../../components/TextField";
import { useSearchList } from "../../../hooks/useSearches";
import { reportSubmitError } from "../../../lib/forms";
import {
  CHANNEL_LABELS,
  EVENT_LABELS,
  TIMING_LABELS,
  type AlertChannel,
  type AlertEventKind,
  type AlertRuleInput,
  type AlertTiming,
} from "../../../services/alerts";
import { GRADES } from "../../searches/searchForm";

interface RuleValues {
  name: string;
  search_id: string;
  events: AlertEventKind[];
  channels: AlertChannel[];
  timing: AlertTiming;
  max_price: string;
  min_media_grade: string;
  any_pressing: boolean;
  price_drop_percent: string;
  bundle_min_wants: string;
  basket_drop_amount: string;
}

const DEFAULTS: RuleValues = {
  name: "",
  search_id: "",
  events: ["new_wanted_listing", "price_drop"],
  channels: ["in_app"],
  timing: "instant",
  max_price: "",
  min_media_grade: "",
  any_pressing: false,
  price_drop_percent: "10",
  bundle_min_wants: "3",
  basket_drop_amount: "",
};

const options = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

function toInput(values: RuleValues): AlertRuleInput {
  return {
    name: values.name,
    search_id: values.search_id === "" ? null : Number(values.search_id),
    is_active: true,
    events: values.events,
    channels: values.channels,
    timing: values.timing,
    max_price: values.max_price === "" ? null : values.max_price,
    min_media_grade: values.min_media_grade === "" ? null : (values.min_media_grade as AlertRuleInput["min_media_grade"]),
    ships_from: [],
    any_pressing: values.any_pressing,
    price_drop_percent: values.price_drop_percent === "" ? "0" : values.price_drop_percent,
    bundle_min_wants: Number(values.bundle_min_wants) || 3,
    basket_drop_amount: values.basket_drop_amount === "" ? null : values.basket_drop_amount,
    basket_drop_percent: null,
  };
}

/** A new alert rule: which events, how they reach the user, when, and the limits they respect. */
export function RuleForm({ onSave }: { onSave: (input: AlertRuleInput) => Promise<unknown> }) {
  const searches = useSearchList(1, 100);
  const { register, handleSubmit, reset, setError, formState: { errors, isSubmitting } } = useForm<RuleValues>({
    defaultValues: DEFAULTS,
  });
  const searchOptions = [
    { value: "", label: "Every search" },
    ...(searches.data?.items ?? []).map((search) => ({ value: String(search.id), label: search.name })),
  ];

  async function submit(values: RuleValues) {
    try {
      await onSave(toInput(values));
      reset(DEFAULTS);
    } catch (error) {
      reportSubmitError(error, setError, Object.keys(DEFAULTS) as (keyof RuleValues)[]);
    }
  }

  return (
    <form aria-label="New alert rule" className="flex flex-col gap-4" onSubmit={(event) => void handleSubmit(submit)(event)} noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Rule name" error={errors.name?.message} {...register("name", { required: "Give the rule a name." })} />
        <SelectField label="For" options={searchOptions} {...register("search_id")} />
      </div>
      <CheckboxGroup legend="Tell me about" options={options(EVENT_LABELS)} registration={register("events")} error={errors.events?.message} />
      <CheckboxGroup legend="Through" columns={3} options={options(CHANNEL_LABELS)} registration={register("channels")} error={errors.channels?.message} />
      <SelectField label="When" options={options(TIMING_LABELS)} {...register("timing")} />
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label="Max price delivered" inputMode="decimal" error={errors.max_price?.message} {...register("max_price")} />
        <SelectField label="Min media grade" options={[{ value: "", label: "The want's own" }, ...GRADES]} {...register("min_media_grade")} />
        <TextField label="Price drop of at least (%)" inputMode="decimal" error={errors.price_drop_percent?.message} {...register("price_drop_percent")} />
        <TextField label="Seller holds at least (wants)" inputMode="numeric" error={errors.bundle_min_wants?.message} {...register("bundle_min_wants")} />
        <TextField label="Basket cheaper by at least" inputMode="decimal" error={errors.basket_drop_amount?.message} {...register("basket_drop_amount")} />
      </div>
      <CheckboxField label="Also other pressings of a wanted record" {...register("any_pressing")} />
      <div>
        <Button type="submit" busy={isSubmitting}>Add rule</Button>
      </div>
    </form>
  );
}
