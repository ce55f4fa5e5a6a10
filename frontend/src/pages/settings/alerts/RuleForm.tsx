import { useForm } from "react-hook-form";
import { Button } from "../../../components/Button";
import { CheckboxField } from "../../../components/CheckboxField";
import { CheckboxGroup } from "../../../components/CheckboxGroup";
import { SelectField } from "../../../components/SelectField";
import { TextField } from "../../../components/TextField";
import { useSearchList } from "../../../hooks/useSearches";
import { reportSubmitError } from "../../../lib/forms";
import { CHANNEL_LABELS, EVENT_LABELS, TIMING_LABELS, type AlertRule, type AlertRuleInput } from "../../../services/alerts";
import { RuleLimits } from "./RuleLimits";
import { RULE_CHECKS, RULE_DEFAULTS, RULE_FIELDS, ruleToInput, ruleToValues, type RuleValues } from "./ruleValues";

const options = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

interface RuleFormProps {
  /** The rule being edited; without one the form adds a new rule. */
  rule?: AlertRule | undefined;
  onSave: (input: AlertRuleInput) => Promise<unknown>;
  onCancel?: () => void;
}

/** An alert rule, new or edited: which events, how they reach the user, when, and the limits they respect. */
export function RuleForm({ rule, onSave, onCancel }: RuleFormProps) {
  const searches = useSearchList(1, 100);
  const initial = rule === undefined ? RULE_DEFAULTS : ruleToValues(rule);
  const { register, control, handleSubmit, reset, setError, formState: { errors, isSubmitting } } = useForm<RuleValues>({
    defaultValues: initial,
  });
  const searchOptions = [
    { value: "", label: "Every search" },
    ...(searches.data?.items ?? []).map((search) => ({ value: String(search.id), label: search.name })),
  ];
  // A rule may point at a search beyond the first page of the list: keep it choosable.
  if (rule?.search_id != null && !searchOptions.some((option) => option.value === String(rule.search_id))) {
    searchOptions.push({ value: String(rule.search_id), label: `Search #${rule.search_id}` });
  }

  async function submit(values: RuleValues) {
    try {
      await onSave(ruleToInput(values));
      if (rule === undefined) reset(RULE_DEFAULTS);
    } catch (error) {
      reportSubmitError(error, setError, RULE_FIELDS);
    }
  }

  return (
    <form
      aria-label={rule === undefined ? "New alert rule" : `Edit ${rule.name}`}
      className="flex flex-col gap-4"
      onSubmit={(event) => void handleSubmit(submit)(event)}
      noValidate
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Rule name" maxLength={200} error={errors.name?.message} {...register("name", RULE_CHECKS.name)} />
        <SelectField label="For" options={searchOptions} error={errors.search_id?.message} {...register("search_id")} />
      </div>
      <CheckboxGroup
        legend="Tell me about"
        options={options(EVENT_LABELS)}
        registration={register("events", RULE_CHECKS.events)}
        error={errors.events?.message}
      />
      <CheckboxGroup
        legend="Through"
        columns={3}
        options={options(CHANNEL_LABELS)}
        registration={register("channels", RULE_CHECKS.channels)}
        error={errors.channels?.message}
      />
      <SelectField label="When" options={options(TIMING_LABELS)} error={errors.timing?.message} {...register("timing")} />
      <RuleLimits register={register} control={control} errors={errors} />
      <CheckboxField label="Switched on" {...register("is_active")} />
      <div className="flex gap-2">
        <Button type="submit" busy={isSubmitting}>{rule === undefined ? "Add rule" : "Save changes"}</Button>
        {onCancel && <Button variant="secondary" onClick={onCancel}>Cancel</Button>}
      </div>
    </form>
  );
}
