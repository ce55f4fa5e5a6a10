import { useCallback } from "react";
import { useSearchParams, type To } from "react-router";
import { useCurrentUser } from "../../hooks/useCurrentUser";
import { GRADES, PLATFORM_OPTIONS } from "../../lib/marketText";
import type { User } from "../../services/auth";
import type { Confidence, Grade, ResultFilters, ResultFlag, ResultSort } from "../../services/results";

export const RESULT_SORTS: readonly ResultSort[] = ["total", "newest", "score"];
const FLAGS: readonly ResultFlag[] = ["wanted", "other_pressing", "owned", "upgrade"];
const CONFIDENCES: readonly Confidence[] = ["high", "low"];
export const MAX_PRICE_LIMIT = 1_000_000;

/** The address keys of the filters (as the API names them); true flags are written "true". */
const KEYS: Record<keyof ResultFilters, string> = {
  platform: "platform",
  flag: "flag",
  minGrade: "min_grade",
  includeUngraded: "include_ungraded",
  maxPrice: "max_price",
  newOnly: "new_only",
  seller: "seller",
  confidence: "confidence",
  includeGone: "include_gone",
};

/**
 * Without a minimum of their own, results open at Good or better, ungraded listings included:
 * cheapest-first then never starts with Fair or Poor copies.
 */
export const FALLBACK_MIN_GRADE: Grade = "G";
/** How "any grade" is written in the address, since no key means the default. */
const ANY_GRADE = "any";

/** The minimum media grade of the user's profile, when set, else the fallback. */
export function defaultMinGrade(user: User | undefined): Grade {
  // The profile's field, read loosely: older servers do not send it.
  const profile = (user as { min_media_grade?: string | null } | undefined)?.min_media_grade ?? null;
  return GRADES.find((grade) => grade === profile) ?? FALLBACK_MIN_GRADE;
}

export function defaultFilters(minGrade: Grade | ""): ResultFilters {
  return { ...NO_FILTERS, minGrade };
}

export const NO_FILTERS: ResultFilters = {
  platform: "",
  flag: "",
  minGrade: "",
  includeUngraded: true,
  maxPrice: "",
  newOnly: false,
  seller: "",
  confidence: "",
  includeGone: false,
};

function oneOf<T extends string>(values: readonly T[], value: string | null): T | "" {
  return values.find((candidate) => candidate === value) ?? "";
}

/** A decimal amount from 0 to the API's limit with at most two decimals, or "". */
export function validPrice(value: string | null): string {
  const text = (value ?? "").trim();
  if (!/^\d+(\.\d{1,2})?$/.test(text)) return "";
  return Number(text) <= MAX_PRICE_LIMIT ? text : "";
}

export function readFilters(params: URLSearchParams, defaultGrade: Grade | "" = ""): ResultFilters {
  const grade = params.get(KEYS.minGrade);
  return {
    platform: oneOf(PLATFORM_OPTIONS.map((option) => option.value), params.get(KEYS.platform)),
    flag: oneOf(FLAGS, params.get(KEYS.flag)),
    minGrade: grade === ANY_GRADE ? "" : oneOf(GRADES, grade) || defaultGrade,
    includeUngraded: params.get(KEYS.includeUngraded) !== "false",
    maxPrice: validPrice(params.get(KEYS.maxPrice)),
    newOnly: params.get(KEYS.newOnly) === "true",
    seller: (params.get(KEYS.seller) ?? "").trim().slice(0, 200),
    confidence: oneOf(CONFIDENCES, params.get(KEYS.confidence)),
    includeGone: params.get(KEYS.includeGone) === "true",
  };
}

/** Filters that differ from the defaults (the default minimum grade is not counted). */
export function activeFilterCount(filters: ResultFilters, defaultGrade: Grade | "" = ""): number {
  const defaults = defaultFilters(defaultGrade);
  return (Object.keys(defaults) as (keyof ResultFilters)[]).filter((key) => filters[key] !== defaults[key]).length;
}

/** The address value of one filter, or null when it is the default and left out. */
function addressValue(key: keyof ResultFilters, value: ResultFilters[keyof ResultFilters], defaultGrade: Grade | ""): string | null {
  if (key === "minGrade") return value === defaultGrade ? null : value === "" ? ANY_GRADE : String(value);
  if (key === "includeUngraded") return value === false ? "false" : null;
  return value === "" || value === false ? null : String(value);
}

function positiveInt(value: string | null): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 1 ? parsed : 1;
}

/**
 * Filters, sort and page of a search's results, kept in the address so a view can be
 * bookmarked, shared and returned to with Back. Defaults are left out of the address; any
 * change of filter or sort starts again from the first page.
 */
export function useResultParams() {
  const [searchParams, setSearchParams] = useSearchParams();
  const defaultGrade = defaultMinGrade(useCurrentUser().data);
  const filters = readFilters(searchParams, defaultGrade);
  const sort = oneOf(RESULT_SORTS, searchParams.get("sort")) || "total";
  const page = positiveInt(searchParams.get("page"));

  const setFilters = useCallback(
    (changes: Partial<ResultFilters>, options: { replace?: boolean } = {}) => {
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const key of Object.keys(changes) as (keyof ResultFilters)[]) {
            const value = changes[key];
            const written = value === undefined ? null : addressValue(key, value, defaultGrade);
            if (written === null) next.delete(KEYS[key]);
            else next.set(KEYS[key], written);
          }
          next.delete("page");
          return next;
        },
        { replace: options.replace === true },
      );
    },
    [setSearchParams, defaultGrade],
  );

  const setSort = useCallback(
    (value: ResultSort) => {
      setSearchParams((current) => {
        const next = new URLSearchParams(current);
        if (value === "total") next.delete("sort");
        else next.set("sort", value);
        next.delete("page");
        return next;
      });
    },
    [setSearchParams],
  );

  const clearFilters = useCallback(() => {
    setSearchParams((current) => {
      const next = new URLSearchParams();
      const currentSort = current.get("sort");
      if (currentSort) next.set("sort", currentSort);
      return next;
    });
  }, [setSearchParams]);

  const hrefForPage = useCallback(
    (target: number): To => {
      const next = new URLSearchParams(searchParams);
      if (target <= 1) next.delete("page");
      else next.set("page", String(target));
      const query = next.toString();
      return { search: query ? `?${query}` : "" };
    },
    [searchParams],
  );

  return { filters, defaultGrade, sort, page, setFilters, setSort, clearFilters, hrefForPage };
}
