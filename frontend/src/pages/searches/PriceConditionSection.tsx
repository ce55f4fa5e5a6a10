import { useFormContext } from "react-hook-form";
import { SelectField } from "../../components/SelectField";
import { TextField } from "../../components/TextField";
import { currencyOptions } from "../../lib/currencies";
import { FormSection } from "./FormSection";
import { GRADES, type SearchFormValues } from "./searchForm";

const GRADE_OPTIONS = [{ value: "", label: "Any condition" }, ...GRADES];

/** Price range and currency, minimum grades and seller rating. */
export function PriceConditionSection({ currentCurrency }: { currentCurrency: string }) {
  const {
    register,
    formState: { errors },
  } = useFormContext<SearchFormValues>();
  const criteriaErrors = errors.criteria;
  return (
    <FormSection title="Price and condition">
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          label="Lowest price"
          inputMode="decimal"
          autoComplete="off"
          error={criteriaErrors?.price_min?.message}
          {...register("criteria.price_min")}
        />
        <TextField
          label="Highest price"
          inputMode="decimal"
          autoComplete="off"
          error={criteriaErrors?.price_max?.message}
          {...register("criteria.price_max")}
        />
        <SelectField
          label="Currency"
          options={currencyOptions(currentCurrency)}
          error={criteriaErrors?.currency?.message}
          {...register("criteria.currency")}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Minimum media grade"
          options={GRADE_OPTIONS}
          error={criteriaErrors?.min_media_grade?.message}
          {...register("criteria.min_media_grade")}
        />
        <SelectField
          label="Minimum sleeve grade"
          options={GRADE_OPTIONS}
          error={criteriaErrors?.min_sleeve_grade?.message}
          {...register("criteria.min_sleeve_grade")}
        />
      </div>
      <TextField
        label="Minimum seller rating (%)"
        inputMode="decimal"
        autoComplete="off"
        className="sm:w-64"
        description="Positive feedback, 0 to 100. Leave empty for any seller."
        error={criteriaErrors?.min_seller_rating?.message}
        {...register("criteria.min_seller_rating")}
      />
    </FormSection>
  );
}
