import { useCallback } from "react";
import { useSearchParams, type To } from "react-router";
import { GRADES, PLATFORM_OPTIONS } from "../../lib/marketText";
import type { Confidence, ResultFilters, ResultFlag, ResultSort } from "../../services/results";

export const RESULT_SORTS: readonly ResultSort[] = ["total", "newest", "score"];
const FLAGS: readonly ResultFlag[] = ["wanted", "other_pressing", "owned", "upgrade"];
const CONFIDENCES: readonly Confidence[] = ["high", "low"];
export const MAX_PRICE_LIMIT = 1_000_000;

/** The address keys of the filters (as the API names them); true flags are written "true". */
const KEYS: Record<keyof ResultFilters, string> = {
  platform: "platform",
  flag: "flag",
  minGrade: "min_grade",
  maxPrice: "max_price",
  newOnly: "new_only",
  seller: "seller",
  confidence: "confidence",
  includeGone: "include_gone",
};

export const NO_FILTERS: ResultFilters = {
  platform: "",
  flag: "",
  minGrade: "",
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

export function readFilters(params: URLSearchParams): ResultFilters {
  return {
    platform: oneOf(PLATFORM_OPTIONS.map((option) => option.value), params.get(KEYS.platform)),
    flag: oneOf(FLAGS, params.get(KEYS.flag)),
    minGrade: oneOf(GRADES, params.get(KEYS.minGrade)),
    maxPrice: validPrice(params.get(KEYS.maxPrice)),
    newOnly: params.get(KEYS.newOnly) === "true",
    seller: (params.get(KEYS.seller) ?? "").trim().slice(0, 200),
    confidence: oneOf(CONFIDENCES, params.get(KEYS.confidence)),
    includeGone: params.get(KEYS.includeGone) === "true",
  };
}

export function activeFilterCount(filters: ResultFilters): number {
  return (Object.keys(NO_FILTERS) as (keyof ResultFilters)[]).filter((key) => filters[key] !== NO_FILTERS[key]).length;
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
  const filters = readFilters(searchParams);
  const sort = oneOf(RESULT_SORTS, searchParams.get("sort")) || "total";
  const page = positiveInt(searchParams.get("page"));

  const setFilters = useCallback(
    (changes: Partial<ResultFilters>, options: { replace?: boolean } = {}) => {
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const key of Object.keys(changes) as (keyof ResultFilters)[]) {
            const value = changes[key];
            if (value === undefined || value === "" || value === false) next.delete(KEYS[key]);
            else next.set(KEYS[key], String(value));
          }
          next.delete("page");
          return next;
        },
        { replace: options.replace === true },
      );
    },
    [setSearchParams],
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

  return { filters, sort, page, setFilters, setSort, clearFilters, hrefForPage };
}
