import { Link } from "react-router";
import { gradeLabel, platformLabel } from "../../lib/marketText";
import { deliveredText } from "../../lib/money";
import type { NewMatches } from "../../services/dashboard";

/** The cheapest new wanted listings, delivered price in the user's currency first. */
export function NewFinds({ items }: { items: NewMatches["items"] }) {
  if (items.length === 0) return null;
  return (
    <ul aria-label="Cheapest new finds" className="mt-2 flex flex-col gap-1.5 text-sm">
      {items.map((item) => (
        <li key={item.listing_id} className="flex flex-wrap items-baseline justify-between gap-x-3">
          <span className="min-w-0">
            {item.release_id !== null ? (
              <Link to={`/releases/${String(item.release_id)}`} className="font-medium text-indigo-700 underline hover:text-indigo-900">
                {item.title}
              </Link>
            ) : (
              <span className="font-medium">{item.title}</span>
            )}
            <span className="text-slate-600">
              {" "}
              · {platformLabel(item.platform)} · Media {gradeLabel(item.media_grade)}
            </span>
          </span>
          <span className="font-semibold whitespace-nowrap">{deliveredText(item)}</span>
        </li>
      ))}
    </ul>
  );
}
