import { Link } from "react-router";
import { gradeLabel, platformLabel } from "../../lib/marketText";
import { deliveredText } from "../../lib/money";
import type { NewMatches } from "../../services/dashboard";

/** The cheapest new wanted listings, delivered price in the user's currency first. */
export function NewFinds({ items }: { items: NewMatches["items"] }) {
  if (items.length === 0) return null;
  return (
    <ul aria-label="Cheapest new finds" className="mt-2 flex flex-col gap-1.5 text-sm">
      {items.map(({ listing, release_id }) => (
        <li key={listing.id} className="flex flex-wrap items-baseline justify-between gap-x-3">
          <span className="min-w-0">
            {release_id !== null ? (
              <Link to={`/releases/${String(release_id)}`} className="font-medium text-indigo-700 underline hover:text-indigo-900">
                {listing.title}
              </Link>
            ) : (
              <span className="font-medium">{listing.title}</span>
            )}
            <span className="text-slate-600">
              {" "}
              · {platformLabel(listing.platform)} · Media {gradeLabel(listing.media_grade)}
            </span>
          </span>
          <span className="font-semibold whitespace-nowrap">{deliveredText(listing)}</span>
        </li>
      ))}
    </ul>
  );
}
