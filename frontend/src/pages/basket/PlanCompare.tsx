import { formatMoney } from "../../lib/money";
import type { BasketPlan } from "../../services/basket";

interface PlanCompareProps {
  complete: BasketPlan;
  partial: BasketPlan;
  shownId: number;
  onShow: (planId: number) => void;
}

function total(plan: BasketPlan): string {
  return plan.summary.total === null ? "—" : formatMoney(plan.summary.total.amount, plan.summary.total.currency);
}

/** The latest complete plan beside the latest partial one: a partial plan never replaces a complete one. */
export function PlanCompare({ complete, partial, shownId, onShow }: PlanCompareProps) {
  const rows = [
    { label: "Parcels", of: (plan: BasketPlan) => String(plan.summary.seller_count) },
    { label: "Items", of: (plan: BasketPlan) => String(plan.summary.item_count) },
    { label: "Total", of: total },
    { label: "Records left out", of: (plan: BasketPlan) => String(plan.unfilled.length) },
  ];
  const plans = [
    { name: "Latest complete plan", plan: complete },
    { name: partial.kind === "infeasible" ? "Latest attempt within limits" : "Latest partial plan", plan: partial },
  ];
  return (
    <section aria-labelledby="compare-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5 print:hidden">
      <h2 id="compare-heading" className="text-base font-semibold text-slate-900">
        Compare your plans
      </h2>
      <div className="overflow-x-auto">
        <table className="mt-2 w-full text-left text-sm">
          <caption className="sr-only">The latest complete and partial plans side by side</caption>
          <thead>
            <tr className="text-slate-700">
              <td />
              {plans.map(({ name, plan }) => (
                <th key={plan.id} scope="col" className="py-1 pr-3 font-medium">
                  {name} (#{plan.id})
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label} className="border-t border-slate-100">
                <th scope="row" className="py-1 pr-3 font-medium text-slate-700">
                  {row.label}
                </th>
                {plans.map(({ plan }) => (
                  <td key={plan.id} className="py-1 pr-3 text-slate-900">
                    {row.of(plan)}
                  </td>
                ))}
              </tr>
            ))}
            <tr className="border-t border-slate-100">
              <td />
              {plans.map(({ name, plan }) => (
                <td key={plan.id} className="py-2 pr-3">
                  {plan.id === shownId ? (
                    <span className="font-semibold text-indigo-900">Shown below</span>
                  ) : (
                    <button type="button" onClick={() => { onShow(plan.id); }} className="min-h-8 font-semibold text-indigo-800 underline">
                      Show the {name.toLowerCase()}
                    </button>
                  )}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
