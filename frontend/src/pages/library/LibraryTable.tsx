import type { SortOrder } from "../../hooks/useListParams";
import type { CollectionItem, LibrarySort, Want } from "../../services/library";
import type { Column } from "./columns";
import { SORT_LABELS } from "./columns";
import { SortableHeader } from "./SortableHeader";

type Item = Want | CollectionItem;

interface LibraryTableProps {
  caption: string;
  columns: Column<Item>[];
  /** Undefined while the first page loads: placeholder rows stand in for it. */
  items: Item[] | undefined;
  sort: LibrarySort;
  order: SortOrder;
  onSort: (column: LibrarySort) => void;
  /** A newer page is on its way; the rows shown are the previous ones. */
  refreshing: boolean;
}

const SKELETON_ROWS = 6;
const cellClass = "px-3 py-2 align-middle";

function SkeletonRows({ columns }: { columns: Column<Item>[] }) {
  return (
    <>
      {Array.from({ length: SKELETON_ROWS }, (_, row) => (
        <tr key={row} aria-hidden="true" className="border-t border-slate-100">
          {columns.map((column) => (
            <td key={column.key} className={`${cellClass} ${column.className ?? ""}`}>
              <div className={`animate-pulse rounded bg-slate-200 ${column.key === "cover" ? "h-12 w-12" : "h-4 w-full min-w-12"}`} />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}

/** The want list or collection as a table whose sortable columns reorder the whole list. */
export function LibraryTable({ caption, columns, items, sort, order, onSort, refreshing }: LibraryTableProps) {
  const sortedBy = `sorted by ${SORT_LABELS[sort]}, ${order === "asc" ? "ascending" : "descending"}`;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-busy={items === undefined || refreshing} className={`w-full text-left text-sm ${refreshing ? "opacity-60" : ""}`}>
        <caption className="sr-only">
          {caption}, {sortedBy}
        </caption>
        <thead className="bg-slate-50 text-slate-900">
          <tr>
            {columns.map((column) =>
              column.sort ? (
                <SortableHeader
                  key={column.key}
                  label={column.header}
                  active={sort === column.sort}
                  order={order}
                  onSort={() => { if (column.sort) onSort(column.sort); }}
                  className={`${cellClass} ${column.className ?? ""}`}
                />
              ) : (
                <th key={column.key} scope="col" className={`${cellClass} font-semibold ${column.className ?? ""}`}>
                  {column.headerHidden ? <span className="sr-only">{column.header}</span> : column.header}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {items === undefined ? (
            <SkeletonRows columns={columns} />
          ) : (
            items.map((item) => (
              <tr key={item.id} className="border-t border-slate-100">
                {columns.map((column) => (
                  <td key={column.key} className={`${cellClass} text-slate-800 ${column.className ?? ""}`}>
                    {column.cell(item)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
