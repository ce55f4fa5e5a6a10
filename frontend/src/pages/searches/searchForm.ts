import type { FieldPath } from "react-hook-form";
import { z } from "zod";
import type { User } from "../../services/auth";
import type { Grade, Platform, SavedSearch, SearchInput } from "../../services/searches";

export const GRADES: readonly { value: Grade; label: string }[] = [
  { value: "M", label: "Mint (M)" },
  { value: "NM", label: "Near Mint (NM)" },
  { value: "VG+", label: "Very Good Plus (VG+)" },
  { value: "VG", label: "Very Good (VG)" },
  { value: "G+", label: "Good Plus (G+)" },
  { value: "G", label: "Good (G)" },
  { value: "F", label: "Fair (F)" },
  { value: "P", label: "Poor (P)" },
];

export const PLATFORMS: readonly { value: Platform; label: string }[] = [
  { value: "discogs", label: "Discogs" },
  { value: "ebay", label: "eBay" },
];

/** Discogs format names people filter on most. */
export const FORMATS = ["Vinyl", "LP", '12"', '10"', '7"', "Album", "EP", "Single", "Reissue", "Limited Edition", "Box Set", "CD", "Cassette"];

export const INTERVALS: readonly { hours: number; label: string }[] = [
  { hours: 1, label: "Every hour" },
  { hours: 3, label: "Every 3 hours" },
  { hours: 6, label: "Every 6 hours" },
  { hours: 12, label: "Every 12 hours" },
  { hours: 24, label: "Every day" },
  { hours: 48, label: "Every 2 days" },
  { hours: 72, label: "Every 3 days" },
  { hours: 168, label: "Every week" },
  { hours: 336, label: "Every 2 weeks" },
  { hours: 720, label: "Every 30 days" },
];

export function intervalLabel(hours: number): string {
  return INTERVALS.find((interval) => interval.hours === hours)?.label ?? `Every ${hours} hours`;
}

const MONEY = /^\d{1,7}(\.\d{1,2})?$/;
const money = z
  .string()
  .trim()
  .refine((value) => value === "" || (MONEY.test(value) && Number(value) <= 1_000_000), "Enter an amount such as 25 or 19.99, at most 1000000.");

const grade = z.union([z.literal(""), z.enum(["M", "NM", "VG+", "VG", "G+", "G", "F", "P"])]);

export const searchSchema = z
  .object({
    name: z.string().trim().min(1, "Give the search a name.").max(200, "Use at most 200 characters."),
    criteria: z.object({
      keywords: z.string().trim().max(200, "Use at most 200 characters."),
      want_list: z.boolean(),
      any_pressing: z.boolean(),
      formats: z.array(z.string()).max(20, "Choose at most 20 formats."),
      platforms: z.array(z.enum(["discogs", "ebay"])).min(1, "Choose at least one marketplace."),
      ships_from: z.array(z.string()).max(50, "Choose at most 50 countries."),
      ships_to: z.string(),
      price_min: money,
      price_max: money,
      currency: z.string().regex(/^[A-Z]{3}$/, "Choose a currency."),
      min_media_grade: grade,
      min_sleeve_grade: grade,
      min_seller_rating: z
        .string()
        .trim()
        .refine((value) => value === "" || (Number.isFinite(Number(value)) && Number(value) >= 0 && Number(value) <= 100), "Enter a percentage from 0 to 100."),
    }),
    check_interval_hours: z.string().regex(/^\d+$/, "Choose how often to check."),
    is_active: z.boolean(),
  })
  .superRefine((values, context) => {
    const { criteria } = values;
    if (!criteria.want_list && criteria.keywords === "") {
      context.addIssue({ code: "custom", path: ["criteria", "keywords"], message: "Enter keywords, or search for every record on your want list." });
    }
    if (criteria.price_min !== "" && criteria.price_max !== "" && MONEY.test(criteria.price_min) && MONEY.test(criteria.price_max)) {
      if (Number(criteria.price_min) > Number(criteria.price_max)) {
        context.addIssue({ code: "custom", path: ["criteria", "price_max"], message: "The highest price must not be below the lowest." });
      }
    }
  });

export type SearchFormValues = z.infer<typeof searchSchema>;

/** Every field the form has, so server errors can be put under the right one. */
export const SEARCH_FORM_FIELDS: readonly FieldPath<SearchFormValues>[] = [
  "name",
  "check_interval_hours",
  "is_active",
  ...(["keywords", "want_list", "any_pressing", "formats", "platforms", "ships_from", "ships_to", "price_min", "price_max", "currency", "min_media_grade", "min_sleeve_grade", "min_seller_rating"] as const).map(
    (name) => `criteria.${name}` as const,
  ),
];

/** A new search, starting from the profile's currency, ship-to country and minimum media grade. */
export function emptySearch(profile: Pick<User, "currency" | "ship_to_country" | "min_media_grade">): SearchFormValues {
  return {
    name: "",
    criteria: {
      keywords: "",
      want_list: false,
      any_pressing: false,
      formats: [],
      platforms: ["discogs", "ebay"],
      ships_from: [],
      ships_to: profile.ship_to_country ?? "",
      price_min: "",
      price_max: "",
      currency: profile.currency,
      min_media_grade: profile.min_media_grade ?? "",
      min_sleeve_grade: "",
      min_seller_rating: "",
    },
    check_interval_hours: "24",
    is_active: true,
  };
}

export function searchToForm(search: SavedSearch): SearchFormValues {
  const { criteria } = search;
  return {
    name: search.name,
    criteria: {
      keywords: criteria.keywords ?? "",
      want_list: criteria.want_list,
      any_pressing: criteria.any_pressing,
      formats: criteria.formats ?? [],
      platforms: criteria.platforms ?? [],
      ships_from: criteria.ships_from ?? [],
      ships_to: criteria.ships_to ?? "",
      price_min: criteria.price_min ?? "",
      price_max: criteria.price_max ?? "",
      currency: criteria.currency,
      min_media_grade: criteria.min_media_grade ?? "",
      min_sleeve_grade: criteria.min_sleeve_grade ?? "",
      min_seller_rating: criteria.min_seller_rating == null ? "" : String(criteria.min_seller_rating),
    },
    check_interval_hours: String(search.check_interval_hours),
    is_active: search.is_active,
  };
}

export function formToInput(values: SearchFormValues): SearchInput {
  const { criteria } = values;
  return {
    name: values.name.trim(),
    criteria: {
      keywords: criteria.keywords.trim() || null,
      want_list: criteria.want_list,
      any_pressing: criteria.want_list && criteria.any_pressing,
      formats: criteria.formats,
      platforms: criteria.platforms,
      ships_from: criteria.ships_from,
      ships_to: criteria.ships_to || null,
      price_min: criteria.price_min.trim() || null,
      price_max: criteria.price_max.trim() || null,
      currency: criteria.currency,
      min_media_grade: criteria.min_media_grade || null,
      min_sleeve_grade: criteria.min_sleeve_grade || null,
      min_seller_rating: criteria.min_seller_rating.trim() === "" ? null : Number(criteria.min_seller_rating),
    },
    check_interval_hours: Number(values.check_interval_hours),
    is_active: values.is_active,
  };
}
