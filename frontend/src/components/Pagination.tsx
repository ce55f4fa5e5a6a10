import { Link, type To } from "react-router";
import { formatNumber } from "../lib/format";

interface PaginationProps {
  page: number;
  pages: number;
  total: number;
  perPage: number;
  /** The address of a page, keeping the rest of the query string. */
  hrefFor: (page: number) => To;
  /** What is counted, e.g. "wants". */
  noun: string;
}

const linkClass =
  "inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-900 hover:bg-slate-100";
const disabledClass =
  "inline-flex min-h-10 items-center rounded-md border border-slate-200 px-3 py-2 text-sm font-semibold text-slate-400";

/** Previous and next links with the position in the list; pages are addresses, so Back works. */
export function Pagination({ page, pages, total, perPage, hrefFor, noun }: PaginationProps) {
  if (total === 0) return null;
  const first = (page - 1) * perPage + 1;
  const last = Math.min(total, page * perPage);
  return (
    <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-3 text-sm text-slate-700">
      <p>
        {first > total ? "No more" : `${formatNumber(first)}–${formatNumber(last)} of ${formatNumber(total)}`} {noun}
        <span className="sr-only">, page {page} of {pages}</span>
      </p>
      <div className="flex items-center gap-2">
        {page > 1 ? (
          <Link to={hrefFor(Math.min(page - 1, pages))} className={linkClass} rel="prev" aria-label="Previous page">
            Previous
          </Link>
        ) : (
          <span className={disabledClass} aria-hidden="true">
            Previous
          </span>
        )}
        <span aria-hidden="true" className="px-1">
          {page} / {pages}
        </span>
        {page < pages ? (
          <Link to={hrefFor(page + 1)} className={linkClass} rel="next" aria-label="Next page">
            Next
          </Link>
        ) : (
          <span className={disabledClass} aria-hidden="true">
            Next
          </span>
        )}
      </div>
    </nav>
  );
}
