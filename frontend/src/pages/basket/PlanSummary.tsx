import { formatDateTime, plural } from "../../lib/format";
import { formatMoney } from "../../lib/money";
import type { BasketPlan } from "../../services/basket";
import { BASELINE_EXPLANATIONS, BASELINE_LABELS, kindTitle, savingsText, solvedText, statusText } from "./basketText";

const KIND_STYLES: Record<BasketPlan["kind"], string> = {
  complete: "border-emerald-300 bg-emerald-50 text-emerald-900",
  partial: "border-amber-300 bg-amber-50 text-amber-900",
  infeasible: "border-red-300 bg-red-50 text-red-900",
};

/** The one-screen summary: what kind of plan it is, sellers, items, shipping, total and savings. */
export function PlanSummary({ plan }: { plan: BasketPlan }) {
  const money = (value: { amount: string; currency: string } | null) => (value === null ? "—" : formatMoney(value.amount, value.currency));
  const { summary } = plan;
  return (
    <section aria-labelledby="summary-heading" className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <div>
        <h2 id="summary-heading" className="text-base font-semibold text-slate-900">
          Your plan
        </h2>
        <p className="text-sm text-slate-700">
          Plan #{plan.id}, made <time dateTime={plan.created_at}>{formatDateTime(plan.created_at)}</time> · {solvedText(plan)}
          {plan.max_sellers !== null && ` · at most ${plural(plan.max_sellers, "parcel")}`}
          {plan.budget !== null && ` · budget ${money(plan.budget)}`}
        </p>
      </div>
      <div className={`rounded-md border px-3 py-2 text-sm ${KIND_STYLES[plan.kind]}`}>
        <p className="font-semibold">{kindTitle(plan)}</p>
        <p>{statusText(plan)}</p>
        {plan.kind !== "complete" && <p className="mt-1">Your last complete plan, if any, is kept beside it.</p>}
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[
          { label: "Sellers", value: String(summary.seller_count) },
          { label: "Items", value: String(summary.item_count) },
          { label: "Shipping", value: money(summary.shipping_total) },
          { label: "Total", value: money(summary.total) },
        ].map((item) => (
          <div key={item.label} className="rounded-md bg-slate-50 px-3 py-2">
            <dt className="text-xs font-medium text-slate-700">{item.label}</dt>
            <dd className="text-lg font-semibold text-slate-900">{item.value}</dd>
          </div>
        ))}
      </dl>
      {plan.baselines.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold text-slate-900">Compared with buying the usual ways</h3>
          <ul className="mt-2 flex flex-col gap-2">
            {plan.baselines.map((baseline) => (
              <li key={baseline.name} aria-label={BASELINE_LABELS[baseline.name] ?? baseline.name} className="rounded-md border border-slate-200 px-3 py-2 text-sm">
                <p className="font-medium text-slate-900">“{BASELINE_LABELS[baseline.name] ?? baseline.name}”</p>
                <p className="text-slate-800">{savingsText(baseline)}</p>
                {BASELINE_EXPLANATIONS[baseline.name] && <p className="text-xs text-slate-600">{BASELINE_EXPLANATIONS[baseline.name]}</p>}
              </li>
            ))}
          </ul>
        </div>
      )}
      {(plan.skipped_without_rate > 0 || plan.bought_left_out > 0 || plan.replan_of !== null) && (
        <ul className="flex flex-col gap-1 text-sm text-slate-700">
          {plan.replan_of !== null && (
            <li>
              Re-plans the rest of plan #{plan.replan_of}
              {plan.gone_since > 0 && `: ${plural(plan.gone_since, "listing")} of it ${plan.gone_since === 1 ? "is" : "are"} no longer for sale`}.
            </li>
          )}
          {plan.bought_left_out > 0 && <li>{plural(plan.bought_left_out, "record")} you marked bought {plan.bought_left_out === 1 ? "is" : "are"} not planned again.</li>}
          {plan.skipped_without_rate > 0 && (
            <li>
              {plural(plan.skipped_without_rate, "listing")} in currencies without an exchange rate {plan.skipped_without_rate === 1 ? "was" : "were"} left out.
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
