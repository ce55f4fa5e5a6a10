import { Badge } from "../../components/Badge";
import { TextLink } from "../../components/TextLink";
import type { Unfilled } from "../../services/basket";
import { reasonText } from "./basketText";

/** The wanted records this plan does not buy, each with the reason. */
export function UnfilledList({ unfilled }: { unfilled: Unfilled[] }) {
  if (unfilled.length === 0) return null;
  return (
    <section aria-labelledby="unfilled-heading" className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <h2 id="unfilled-heading" className="text-base font-semibold text-slate-900">
        Not in this plan
      </h2>
      <ul aria-labelledby="unfilled-heading" className="flex flex-col divide-y divide-slate-100 text-sm">
        {unfilled.map((gap) => (
          <li key={gap.release_id} className="flex flex-wrap items-baseline justify-between gap-2 py-2">
            <span>
              <TextLink to={`/releases/${String(gap.release_id)}`}>{gap.release}</TextLink> {gap.required && <Badge tone="red">Must buy</Badge>}
            </span>
            <span className="text-slate-700">{reasonText(gap.reason)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
