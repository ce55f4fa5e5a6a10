import { z } from "zod";
import type { BasketChoices, BasketChoicesBody } from "../../services/basket";
import { GRADE_NAMES, GRADES } from "../../lib/marketText";

const MONEY = /^\d{1,7}(\.\d{1,2})?$/;

export const optionalAmount = z
  .string()
  .trim()
  .refine((value) => value === "" || (MONEY.test(value) && Number(value) <= 1_000_000), "Enter an amount such as 25 or 19.99, or leave it empty.");

const parcels = z
  .string()
  .trim()
  .refine((value) => value === "" || (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 500), "Enter a whole number from 1 to 500, or leave it empty.");

export const choicesSchema = z.object({
  min_media_grade: z.string(),
  min_sleeve_grade: z.string(),
  max_parcels: parcels,
  budget: optionalAmount,
  default_value: optionalAmount,
});

export type ChoicesValues = z.infer<typeof choicesSchema>;

export const CHOICE_FIELDS = ["min_media_grade", "min_sleeve_grade", "max_parcels", "budget", "default_value"] as const;

export const GRADE_OPTIONS = [{ value: "", label: "Any grade" }, ...GRADES.map((grade) => ({ value: grade, label: `${grade} (${GRADE_NAMES[grade]}) or better` }))];

export function choicesValues(choices: BasketChoices): ChoicesValues {
  return {
    min_media_grade: choices.min_media_grade ?? "",
    min_sleeve_grade: choices.min_sleeve_grade ?? "",
    max_parcels: choices.max_parcels === null || choices.max_parcels === undefined ? "" : String(choices.max_parcels),
    budget: choices.budget ?? "",
    default_value: choices.default_value ?? "",
  };
}

const orNull = (value: string) => (value === "" ? null : value);

export function choicesBody(values: ChoicesValues): BasketChoicesBody {
  return {
    min_media_grade: orNull(values.min_media_grade) as BasketChoicesBody["min_media_grade"],
    min_sleeve_grade: orNull(values.min_sleeve_grade) as BasketChoicesBody["min_sleeve_grade"],
    max_parcels: values.max_parcels === "" ? null : Number(values.max_parcels),
    budget: orNull(values.budget),
    default_value: orNull(values.default_value),
  };
}
