import { formatDateTime, plural } from "../../lib/format";
import { formatMoney } from "../../lib/money";
import type { BasketPlan } from "../../services/basket";
import { BASELINE_EXPLANATIONS, BASELINE_LABELS, savingsText, solvedText, statusText } from "./basketText";

/** What the plan costs, how sure it is to be the cheapest, and what it saves against buying naively. */
export function PlanSummary({ plan }: { plan: BasketPlan }) {
  const money = (amount: string | null) => (amount === null ? "—" : formatMoney(amount, plan.currency));
  return (
    <section aria-labelledby="summary-heading" className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <div>
        <h2 id="summary-heading" className="text-base font-semibold text-slate-900">
          Your plan
        </h2>
        <p className="text-sm text-slate-700">
          Planned <time dateTime={plan.created_at}>{formatDateTime(plan.created_at)}</time> · {solvedText(plan)}
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[
          { label: "Total", value: money(plan.total) },
          { label: "Records", value: money(plan.items_total) },
          { label: "Shipping", value: money(plan.shipping_total) },
          { label: "Parcels", value: String(plan.seller_count) },
        ].map((item) => (
          <div key={item.label} className="rounded-md bg-slate-50 px-3 py-2">
            <dt className="text-xs font-medium text-slate-700">{item.label}</dt>
            <dd className="text-lg font-semibold text-slate-900">{item.value}</dd>
          </div>
        ))}
      </dl>
      <p className={`text-sm ${plan.status === "optimal" || plan.status === "feasible" ? "text-slate-800" : "font-medium text-red-800"}`}>{statusText(plan)}</p>
      {plan.baselines.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold text-slate-900">Compared with buying the usual ways</h3>
          <ul className="mt-2 flex flex-col gap-2">
            {plan.baselines.map((baseline) => (
              <li key={baseline.name} aria-label={BASELINE_LABELS[baseline.name] ?? baseline.name} className="rounded-md border border-slate-200 px-3 py-2 text-sm">
                <p className="font-medium text-slate-900">“{BASELINE_LABELS[baseline.name] ?? baseline.name}”</p>
                <p className="text-slate-800">{savingsText(baseline, plan.currency)}</p>
                {BASELINE_EXPLANATIONS[baseline.name] && <p className="text-xs text-slate-600">{BASELINE_EXPLANATIONS[baseline.name]}</p>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {plan.skipped_without_rate > 0 && (
        <p className="text-sm text-slate-700">
          {plural(plan.skipped_without_rate, "listing")} in currencies without an exchange rate {plan.skipped_without_rate === 1 ? "was" : "were"} left out.
        </p>
      )}
    </section>
  );
}
