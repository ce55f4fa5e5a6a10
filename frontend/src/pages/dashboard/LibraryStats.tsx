import { Link } from "react-router";
import { useLibraryCounts } from "../../hooks/useLibrary";
import { useSearchList } from "../../hooks/useSearches";
import { formatNumber } from "../../lib/format";

function Stat({ label, value, to }: { label: string; value: number | undefined; to: string }) {
  return (
    <li>
      <Link to={to} className="block h-full rounded-lg border border-slate-200 bg-white p-3 hover:border-indigo-300 hover:bg-indigo-50 sm:p-4">
        <span className="block text-xs text-slate-700 sm:text-sm">{label}</span>
        <span className="mt-1 block text-2xl font-bold text-slate-900 sm:text-3xl">{value === undefined ? "…" : formatNumber(value)}</span>
      </Link>
    </li>
  );
}

/** How many records are mirrored, and how many searches are saved. */
export function LibraryStats() {
  const counts = useLibraryCounts();
  const searches = useSearchList(1, 1);
  return (
    <section aria-labelledby="library-heading">
      <h2 id="library-heading" className="sr-only">
        Your library
      </h2>
      <ul className="grid grid-cols-3 gap-2 sm:gap-3">
        <Stat label="Want list" value={counts.data?.wants} to="/wants" />
        <Stat label="Collection" value={counts.data?.collection} to="/collection" />
        <Stat label="Saved searches" value={searches.data?.total} to="/searches" />
      </ul>
    </section>
  );
}
