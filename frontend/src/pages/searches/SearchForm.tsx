import { zodResolver } from "@hookform/resolvers/zod";
import { FormProvider, useForm } from "react-hook-form";
import { Button } from "../../components/Button";
import { ButtonLink } from "../../components/ButtonLink";
import { CheckboxField } from "../../components/CheckboxField";
import { SelectField } from "../../components/SelectField";
import { reportSubmitError } from "../../lib/forms";
import type { SearchInput } from "../../services/searches";
import { FormSection } from "./FormSection";
import { PriceConditionSection } from "./PriceConditionSection";
import { INTERVALS, intervalLabel, SEARCH_FORM_FIELDS, searchSchema, formToInput, type SearchFormValues } from "./searchForm";
import { WhatSection } from "./WhatSection";
import { WhereSection } from "./WhereSection";

interface SearchFormProps {
  initial: SearchFormValues;
  submitLabel: string;
  /** Saves the search; a rejected promise carries the server's field errors. */
  onSubmit: (input: SearchInput) => Promise<void>;
}

/** Every criterion of a saved search, in groups, checked before it is sent. */
export function SearchForm({ initial, submitLabel, onSubmit }: SearchFormProps) {
  const form = useForm<SearchFormValues>({ resolver: zodResolver(searchSchema), defaultValues: initial });
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = form;
  const intervalOptions = INTERVALS.some((interval) => String(interval.hours) === initial.check_interval_hours)
    ? INTERVALS
    : [...INTERVALS, { hours: Number(initial.check_interval_hours), label: intervalLabel(Number(initial.check_interval_hours)) }];

  const submit = handleSubmit(async (values) => {
    try {
      await onSubmit(formToInput(values));
    } catch (error) {
      reportSubmitError(error, setError, SEARCH_FORM_FIELDS);
    }
  });

  return (
    <FormProvider {...form}>
      <form onSubmit={submit} noValidate aria-label="Search criteria" className="flex max-w-3xl flex-col gap-6">
        <WhatSection extraFormats={initial.criteria.formats} />
        <WhereSection />
        <PriceConditionSection currentCurrency={initial.criteria.currency} />
        <FormSection title="Schedule">
          <SelectField
            label="Check for new listings"
            className="sm:w-64"
            options={intervalOptions.map((interval) => ({ value: String(interval.hours), label: interval.label }))}
            error={errors.check_interval_hours?.message}
            {...register("check_interval_hours")}
          />
          <CheckboxField
            label="Active"
            description="Runs on its schedule. Untick to keep the search without running it."
            {...register("is_active")}
          />
        </FormSection>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" busy={isSubmitting}>
            {submitLabel}
          </Button>
          <ButtonLink to="/searches" variant="secondary">
            Cancel
          </ButtonLink>
        </div>
      </form>
    </FormProvider>
  );
}
