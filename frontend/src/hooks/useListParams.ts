import { useCallback } from "react";
import { useSearchParams, type To } from "react-router";

export type SortOrder = "asc" | "desc";

interface ListParamsOptions<S extends string> {
  sorts: readonly S[];
  defaultSort: S;
  /** The order a column starts in when first chosen. */
  firstOrder: Record<S, SortOrder>;
}

export interface ListParams<S extends string> {
  q: string;
  sort: S;
  order: SortOrder;
  page: number;
}

function positiveInt(value: string | null): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed >= 1 ? parsed : 1;
}

/**
 * Search text, sort and page of a list, kept in the address so a list can be bookmarked, shared
 * and returned to with Back. Defaults are left out of the address.
 */
export function useListParams<S extends string>({ sorts, defaultSort, firstOrder }: ListParamsOptions<S>) {
  const [searchParams, setSearchParams] = useSearchParams();
  const sortParam = searchParams.get("sort");
  const sort = sorts.find((candidate) => candidate === sortParam) ?? defaultSort;
  const orderParam = searchParams.get("order");
  const order: SortOrder = orderParam === "asc" || orderParam === "desc" ? orderParam : firstOrder[sort];
  const params: ListParams<S> = { q: searchParams.get("q") ?? "", sort, order, page: positiveInt(searchParams.get("page")) };

  const update = useCallback(
    (changes: Partial<ListParams<S>>, options: { replace?: boolean } = {}) => {
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const key of Object.keys(changes) as (keyof ListParams<S>)[]) {
            const value = changes[key];
            if (value === undefined || value === "" || (key === "page" && value === 1)) next.delete(key);
            else next.set(key, String(value));
          }
          const nextSort = (next.get("sort") ?? defaultSort) as S;
          if (nextSort === defaultSort && next.get("order") === firstOrder[defaultSort]) {
            next.delete("sort");
            next.delete("order");
          }
          return next;
        },
        { replace: options.replace === true },
      );
    },
    [setSearchParams, defaultSort, firstOrder],
  );

  /** New search text starts again from the first page; typing does not add history entries. */
  const setQuery = useCallback((q: string) => { update({ q, page: 1 }, { replace: true }); }, [update]);

  /** Choosing the current column flips its order; another column starts in its own order. */
  const sortBy = useCallback(
    (column: S) => {
      update({ sort: column, order: column === sort ? (order === "asc" ? "desc" : "asc") : firstOrder[column], page: 1 });
    },
    [update, sort, order, firstOrder],
  );

  const hrefForPage = useCallback(
    (page: number): To => {
      const next = new URLSearchParams(searchParams);
      if (page <= 1) next.delete("page");
      else next.set("page", String(page));
      const query = next.toString();
      return { search: query ? `?${query}` : "" };
    },
    [searchParams],
  );

  return { params, setQuery, sortBy, hrefForPage, update };
}
