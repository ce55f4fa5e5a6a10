import type { RegisterOptions } from "react-hook-form";
import type { AlertChannel, AlertEventKind, AlertRule, AlertRuleInput, AlertTiming } from "../../../services/alerts";

/** The rule form's fields, as text where the user types them. */
export interface RuleValues {
  name: string;
  search_id: string;
  is_active: boolean;
  events: AlertEventKind[];
  channels: AlertChannel[];
  timing: AlertTiming;
  max_price: string;
  min_media_grade: string;
  ships_from: string[];
  any_pressing: boolean;
  price_drop_percent: string;
  bundle_min_wants: string;
  basket_drop_amount: string;
  basket_drop_percent: string;
}

export const RULE_DEFAULTS: RuleValues = {
  name: "",
  search_id: "",
  is_active: true,
  events: ["new_wanted_listing", "price_drop"],
  channels: ["in_app"],
  timing: "instant",
  max_price: "",
  min_media_grade: "",
  ships_from: [],
  any_pressing: false,
  price_drop_percent: "10",
  bundle_min_wants: "3",
  basket_drop_amount: "",
  basket_drop_percent: "",
};

export const RULE_FIELDS = Object.keys(RULE_DEFAULTS) as (keyof RuleValues)[];

// The same bounds the API enforces, checked before sending so the user sees them at once.
const AMOUNT = /^\d{1,7}(\.\d{1,2})?$/;
const PERCENT = /^\d{1,3}(\.\d{1,2})?$/;
export const MAX_SHIPS_FROM = 50;

const amount = (value: string) =>
  value === "" || (AMOUNT.test(value) && Number(value) <= 1_000_000) || "Enter an amount such as 25 or 19.99, at most 1000000.";
const percent = (value: string) =>
  value === "" || (PERCENT.test(value) && Number(value) <= 100) || "Enter a percentage from 0 to 100, such as 10 or 12.5.";

export const RULE_CHECKS = {
  name: {
    validate: (value: string) => {
      if (value.trim() === "") return "Give the rule a name.";
      return value.trim().length <= 200 || "Keep the name to 200 characters.";
    },
  },
  events: { validate: (value: AlertEventKind[]) => value.length > 0 || "Choose at least one thing to be told about." },
  channels: { validate: (value: AlertChannel[]) => value.length > 0 || "Choose at least one way to be told." },
  max_price: { validate: amount },
  basket_drop_amount: { validate: amount },
  price_drop_percent: { validate: percent },
  basket_drop_percent: { validate: percent },
  bundle_min_wants: {
    validate: (value: string) =>
      (/^\d{1,3}$/.test(value) && Number(value) >= 2 && Number(value) <= 100) || "Enter a whole number from 2 to 100.",
  },
  ships_from: {
    validate: (value: string[]) => value.length <= MAX_SHIPS_FROM || `Choose at most ${MAX_SHIPS_FROM} countries.`,
  },
} satisfies { [K in keyof RuleValues]?: RegisterOptions<RuleValues, K> };

const orNull = (value: string) => (value === "" ? null : value);

export function ruleToInput(values: RuleValues): AlertRuleInput {
  return {
    name: values.name.trim(),
    search_id: values.search_id === "" ? null : Number(values.search_id),
    is_active: values.is_active,
    events: values.events,
    channels: values.channels,
    timing: values.timing,
    max_price: orNull(values.max_price),
    min_media_grade: orNull(values.min_media_grade) as AlertRuleInput["min_media_grade"],
    ships_from: values.ships_from,
    any_pressing: values.any_pressing,
    price_drop_percent: values.price_drop_percent === "" ? "0" : values.price_drop_percent,
    bundle_min_wants: Number(values.bundle_min_wants),
    basket_drop_amount: orNull(values.basket_drop_amount),
    basket_drop_percent: orNull(values.basket_drop_percent),
  };
}

/** The form prefilled with a saved rule, to edit it. */
export function ruleToValues(rule: AlertRule): RuleValues {
  return {
    name: rule.name,
    search_id: rule.search_id === null ? "" : String(rule.search_id),
    is_active: rule.is_active,
    events: rule.events,
    channels: rule.channels,
    timing: rule.timing,
    max_price: rule.max_price ?? "",
    min_media_grade: rule.min_media_grade ?? "",
    ships_from: rule.ships_from,
    any_pressing: rule.any_pressing,
    price_drop_percent: rule.price_drop_percent,
    bundle_min_wants: String(rule.bundle_min_wants),
    basket_drop_amount: rule.basket_drop_amount ?? "",
    basket_drop_percent: rule.basket_drop_percent ?? "",
  };
}
