import type { SortOrder } from "../../hooks/useListParams";
import type { LibrarySort } from "../../services/library";

const CHOICES: readonly { sort: LibrarySort; order: SortOrder; label: string }[] = [
  { sort: "added", order: "desc", label: "Newest additions first" },
  { sort: "added", order: "asc", label: "Oldest additions first" },
  { sort: "artist", order: "asc", label: "Artist, A–Z" },
  { sort: "artist", order: "desc", label: "Artist, Z–A" },
  { sort: "title", order: "asc", label: "Title, A–Z" },
  { sort: "title", order: "desc", label: "Title, Z–A" },
  { sort: "year", order: "asc", label: "Year, oldest first" },
  { sort: "year", order: "desc", label: "Year, newest first" },
  { sort: "rating", order: "desc", label: "Rating, highest first" },
  { sort: "rating", order: "asc", label: "Rating, lowest first" },
];

interface SortSelectProps {
  sort: LibrarySort;
  order: SortOrder;
  onChange: (sort: LibrarySort, order: SortOrder) => void;
}

/** The order of the list as one choice, for phones, where only the title column is shown. */
export function SortSelect({ sort, order, onChange }: SortSelectProps) {
  return (
    <div className="flex flex-col gap-1 sm:hidden">
      <label htmlFor="library-sort" className="text-sm font-medium text-slate-900">
        Sort by
      </label>
      <select
        id="library-sort"
        value={`${sort}:${order}`}
        onChange={(event) => {
          const choice = CHOICES[event.target.selectedIndex];
          if (choice) onChange(choice.sort, choice.order);
        }}
        className="min-h-10 rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 shadow-sm"
      >
        {CHOICES.map((choice) => (
          <option key={`${choice.sort}:${choice.order}`} value={`${choice.sort}:${choice.order}`}>
            {choice.label}
          </option>
        ))}
      </select>
    </div>
  );
}
