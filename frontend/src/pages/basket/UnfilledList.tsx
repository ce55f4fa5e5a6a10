import { Badge } from "../../components/Badge";
import { TextLink } from "../../components/TextLink";
import type { Unfilled } from "../../services/basket";
import { reasonText } from "./basketText";

/** Reasons that come from the buyer's own choices or the market, not from this plan's limits. */
const NO_OFFER = new Set(["no_listing", "below_grade"]);

function Rows({ rows }: { rows: Unfilled[] }) {
  return rows.map((gap) => (
    <li key={gap.release_id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
      <span>
        <TextLink to={`/releases/${String(gap.release_id)}`}>{gap.release}</TextLink> {gap.required && <Badge tone="red">Must buy</Badge>}
      </span>
      <span className="text-slate-700">{reasonText(gap.reason)}</span>
    </li>
  ));
}

/** The wanted records this plan does not buy, each with the reason; those without any listing to buy are folded away. */
export function UnfilledList({ unfilled }: { unfilled: Unfilled[] }) {
  if (unfilled.length === 0) return null;
  const limited = unfilled.filter((gap) => gap.reason === null || !NO_OFFER.has(gap.reason));
  const unavailable = unfilled.filter((gap) => gap.reason !== null && NO_OFFER.has(gap.reason));
  return (
    <section aria-labelledby="unfilled-heading" className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <h2 id="unfilled-heading" className="text-base font-semibold text-slate-900">
        Not in this plan
      </h2>
      {limited.length > 0 && (
        <ul aria-labelledby="unfilled-heading" className="flex flex-col divide-y divide-slate-100 text-sm">
          <Rows rows={limited} />
        </ul>
      )}
      {unavailable.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer font-medium text-slate-900">
            {unavailable.length} {unavailable.length === 1 ? "record has" : "records have"} no listing to buy (none for sale, or none of your grade)
          </summary>
          <ul aria-label="Records with no listing to buy" className="flex flex-col divide-y divide-slate-100">
            <Rows rows={unavailable} />
          </ul>
        </details>
      )}
    </section>
  );
}
