import { Controller, type Control, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { CheckboxField } from "../../../components/CheckboxField";
import { CountryMultiSelect } from "../../../components/CountryMultiSelect";
import { SelectField } from "../../../components/SelectField";
import { TextField } from "../../../components/TextField";
import { GRADES } from "../../searches/searchForm";
import { RULE_CHECKS, type RuleValues } from "./ruleValues";

interface RuleLimitsProps {
  register: UseFormRegister<RuleValues>;
  control: Control<RuleValues>;
  errors: FieldErrors<RuleValues>;
}

/** The limits an event must respect before the rule sends it, and the thresholds that trigger it. */
export function RuleLimits({ register, control, errors }: RuleLimitsProps) {
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label="Max price delivered" inputMode="decimal" error={errors.max_price?.message} {...register("max_price", RULE_CHECKS.max_price)} />
        <SelectField label="Min media grade" options={[{ value: "", label: "The want's own" }, ...GRADES]} {...register("min_media_grade")} />
        <TextField
          label="Price drop of at least (%)"
          inputMode="decimal"
          error={errors.price_drop_percent?.message}
          {...register("price_drop_percent", RULE_CHECKS.price_drop_percent)}
        />
        <TextField
          label="Seller holds at least (wants)"
          inputMode="numeric"
          error={errors.bundle_min_wants?.message}
          {...register("bundle_min_wants", RULE_CHECKS.bundle_min_wants)}
        />
        <TextField
          label="Basket cheaper by at least"
          inputMode="decimal"
          description="In your currency. Either basket threshold reached is enough."
          error={errors.basket_drop_amount?.message}
          {...register("basket_drop_amount", RULE_CHECKS.basket_drop_amount)}
        />
        <TextField
          label="Basket cheaper by at least (%)"
          inputMode="decimal"
          description="With both basket fields empty, any saving counts."
          error={errors.basket_drop_percent?.message}
          {...register("basket_drop_percent", RULE_CHECKS.basket_drop_percent)}
        />
      </div>
      <Controller
        control={control}
        name="ships_from"
        rules={RULE_CHECKS.ships_from}
        render={({ field, fieldState }) => (
          <CountryMultiSelect
            legend="Ships from"
            description="Only listings shipped from these countries; none chosen means any country."
            value={field.value}
            onChange={field.onChange}
            onBlur={field.onBlur}
            error={fieldState.error?.message}
            ref={field.ref}
          />
        )}
      />
      <CheckboxField label="Also other pressings of a wanted record" {...register("any_pressing")} />
    </>
  );
}
