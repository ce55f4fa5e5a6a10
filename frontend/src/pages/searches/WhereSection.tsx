import { Controller, useFormContext } from "react-hook-form";
import { CheckboxGroup } from "../../components/CheckboxGroup";
import { CountryMultiSelect } from "../../components/CountryMultiSelect";
import { SelectField } from "../../components/SelectField";
import { COUNTRIES } from "../../lib/countries";
import { FormSection } from "./FormSection";
import { PLATFORMS, type SearchFormValues } from "./searchForm";

const SHIPS_TO = [{ value: "", label: "Anywhere (no shipping check)" }, ...COUNTRIES.map((country) => ({ value: country.code, label: country.name }))];

/** Marketplaces, and where sellers are and must ship to. */
export function WhereSection() {
  const {
    register,
    control,
    formState: { errors },
  } = useFormContext<SearchFormValues>();
  const shipsFromError = errors.criteria?.ships_from;
  return (
    <FormSection title="Where to look">
      <CheckboxGroup
        legend="Marketplaces"
        options={PLATFORMS}
        error={errors.criteria?.platforms?.message}
        registration={register("criteria.platforms")}
      />
      <Controller
        control={control}
        name="criteria.ships_from"
        render={({ field }) => (
          <CountryMultiSelect
            legend="Ships from"
            description="Only sellers in these countries. Choose none for sellers anywhere."
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            ref={field.ref}
            error={shipsFromError?.message ?? shipsFromError?.root?.message}
          />
        )}
      />
      <SelectField
        label="Ships to"
        options={SHIPS_TO}
        error={errors.criteria?.ships_to?.message}
        {...register("criteria.ships_to")}
      />
    </FormSection>
  );
}
