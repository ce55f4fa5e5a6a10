import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney } from "../../lib/money";
import type { BasketPlan } from "../../services/basket";

/** The cheapest total for each cap on the number of parcels, the plan's own count marked. */
export function FrontierChart({ plan }: { plan: BasketPlan }) {
  const points = plan.frontier.flatMap((point) => (point.total === null ? [] : [{ parcels: point.max_sellers, total: Number(point.total), status: point.status }]));
  const money = (value: number) => formatMoney(value, plan.currency);

  return (
    <section aria-labelledby="frontier-heading" className="flex flex-col gap-3">
      <div>
        <h2 id="frontier-heading" className="text-lg font-semibold text-slate-900">
          Cost against number of parcels
        </h2>
        <p className="text-sm text-slate-700">Fewer parcels are easier to track and often cost more: the cheapest total for each number of sellers.</p>
      </div>
      {points.length < 2 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-700">
          {points.length === 1
            ? "No plan with fewer parcels is possible."
            : "The cost for other numbers of parcels was not worked out for this plan (it is for want lists of up to 60 records)."}
        </p>
      ) : (
        <figure aria-label="Cheapest total by number of parcels" className="rounded-lg border border-slate-200 bg-white p-3">
          <ResponsiveContainer width="100%" height={240} initialDimension={{ width: 640, height: 240 }}>
            <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
              <CartesianGrid stroke="#e2e8f0" vertical={false} />
              <XAxis dataKey="parcels" allowDecimals={false} tick={{ fontSize: 12, fill: "#334155" }} label={{ value: "Parcels", position: "insideBottomRight", offset: -4, fontSize: 12 }} />
              <YAxis tickFormatter={money} width={80} tick={{ fontSize: 12, fill: "#334155" }} domain={["auto", "auto"]} />
              <Tooltip formatter={(value) => money(Number(value))} labelFormatter={(label) => (typeof label === "number" ? `At most ${label} parcels` : "")} />
              <Line type="linear" dataKey="total" name="Cheapest total" stroke="#4338ca" strokeWidth={2} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
          <figcaption>
            <table className="mt-2 w-full text-left text-sm">
              <caption className="sr-only">Cheapest total for each number of parcels</caption>
              <thead>
                <tr className="text-slate-700">
                  <th scope="col" className="py-1 font-medium">
                    Parcels at most
                  </th>
                  <th scope="col" className="py-1 text-right font-medium">
                    Cheapest total
                  </th>
                </tr>
              </thead>
              <tbody>
                {points.map((point) => (
                  <tr key={point.parcels} aria-current={point.parcels === plan.seller_count || undefined} className={`border-t border-slate-100 ${point.parcels === plan.seller_count ? "font-semibold text-indigo-900" : "text-slate-900"}`}>
                    <td className="py-1">
                      {point.parcels}
                      {point.parcels === plan.seller_count && " (this plan)"}
                    </td>
                    <td className="py-1 text-right">
                      {money(point.total)}
                      {point.status !== "optimal" && <span className="font-normal text-slate-600"> (best found in time)</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </figcaption>
        </figure>
      )}
    </section>
  );
}
