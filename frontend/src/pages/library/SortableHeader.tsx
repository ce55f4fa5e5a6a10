import type { SortOrder } from "../../hooks/useListParams";

interface SortableHeaderProps {
  label: string;
  active: boolean;
  order: SortOrder;
  onSort: () => void;
  className?: string;
}

/** A column header that sorts the list; aria-sort tells assistive technology the current order. */
export function SortableHeader({ label, active, order, onSort, className = "" }: SortableHeaderProps) {
  return (
    <th scope="col" aria-sort={active ? (order === "asc" ? "ascending" : "descending") : undefined} className={className}>
      <button
        type="button"
        onClick={onSort}
        className="-mx-1 inline-flex items-center gap-1 rounded px-1 py-1 font-semibold text-slate-900 hover:bg-slate-100"
      >
        {label}
        <span aria-hidden="true" className={active ? "text-indigo-800" : "text-slate-400"}>
          {active ? (order === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </button>
    </th>
  );
}
