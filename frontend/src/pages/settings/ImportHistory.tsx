import { ProgressBar } from "../../components/ProgressBar";
import { useImports } from "../../hooks/useImports";
import { formatDateTime, plural } from "../../lib/format";
import type { ListingImport } from "../../services/imports";

function outcome(item: ListingImport): string {
  const { counts } = item;
  const parts = [`${plural(counts.stored, "wanted listing")} stored`];
  if (counts.not_wanted) parts.push(`${counts.not_wanted} not in your want list`);
  if (counts.not_found) parts.push(`${counts.not_found} not found on Discogs`);
  if (counts.not_for_sale) parts.push(`${counts.not_for_sale} no longer for sale`);
  if (counts.failed) parts.push(`${counts.failed} could not be read`);
  return parts.join(" · ");
}

function ImportRow({ item }: { item: ListingImport }) {
  const read = item.listings - item.counts.queued - item.counts.reading;
  return (
    <li className="flex flex-col gap-1 py-2 text-sm" data-testid="import-row">
      <span className="font-medium text-slate-900">
        {formatDateTime(item.created_at)}: {plural(item.listings, "listing id")}
        {item.releases ? `, ${plural(item.releases, "release id")}` : ""}
      </span>
      {item.done ? (
        <span className="text-slate-700">{outcome(item)}</span>
      ) : (
        <ProgressBar
          label={`Reading import of ${formatDateTime(item.created_at)}`}
          value={read}
          max={item.listings}
          valueText={`${read} of ${item.listings} read`}
        />
      )}
      {item.seller_names.length > 0 ? (
        <span className="text-slate-600">Sellers: {item.seller_names.slice(0, 8).join(", ")}
          {item.seller_names.length > 8 ? ` and ${item.seller_names.length - 8} more` : ""}</span>
      ) : null}
    </li>
  );
}

/** What the companion sent lately and what reading it found. */
export function ImportHistory() {
  const imports = useImports();
  return (
    <section aria-labelledby="imports-heading" className="flex flex-col gap-2">
      <h3 id="imports-heading" className="text-base font-semibold text-slate-900">
        Recent imports
      </h3>
      {imports.data && imports.data.length > 0 ? (
        <ul className="divide-y divide-slate-200">
          {imports.data.map((item) => (
            <ImportRow key={item.id} item={item} />
          ))}
        </ul>
      ) : imports.isSuccess ? (
        <p className="text-sm text-slate-600">Nothing imported yet.</p>
      ) : null}
    </section>
  );
}
