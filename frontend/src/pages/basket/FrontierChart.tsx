import { CartesianGrid, Line, LineChart, ReferenceDot, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { plural } from "../../lib/format";
import { formatMoney, formatPercent } from "../../lib/money";
import type { BasketPlan } from "../../services/basket";
import { kneeText, unprovenText } from "./basketText";

interface FrontierChartProps {
  plan: BasketPlan;
  /** Opens (shows) the plan of one point. */
  onOpen: (maxSellers: number) => void;
  opening: number | null;
}

const NO_POINTS_TEXT: Record<BasketPlan["frontier_status"], string> = {
  working: "Working out the cost for other numbers of parcels… For a long want list this takes up to 15 seconds; your plan above is ready.",
  failed: "The cost for other numbers of parcels could not be worked out this time. Plan again to try once more.",
  ready: "No number of parcels buys your list within your choices.",
  not_requested: "The cost for other numbers of parcels was not worked out for this plan.",
};

/** The cheapest total of the whole want list for each number of parcels, the knee marked; each point opens its plan. */
export function FrontierChart({ plan, onOpen, opening }: FrontierChartProps) {
  const points = plan.frontier.flatMap((point) =>
    point.total === null ? [] : [{ parcels: point.max_sellers, total: Number(point.total.amount), point }],
  );
  const money = (value: number) => formatMoney(value, plan.currency);
  const knee = points.find((entry) => entry.point.knee);
  const own = plan.summary.seller_count;

  return (
    <section aria-labelledby="frontier-heading" className="flex flex-col gap-3 print:hidden">
      <div>
        <h2 id="frontier-heading" className="text-lg font-semibold text-slate-900">
          Cost against number of parcels
        </h2>
        <p className="text-sm text-slate-700">The cheapest way to buy your whole list with at most so many sellers. Open a point to see its plan.</p>
      </div>
      {points.length === 0 ? (
        <p
          role={plan.frontier_status === "working" ? "status" : undefined}
          className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-700"
        >
          {NO_POINTS_TEXT[plan.frontier_status]}
        </p>
      ) : (
        <figure aria-label="Cheapest total by number of parcels" className="rounded-lg border border-slate-200 bg-white p-3">
          {knee && (
            <p className="mb-2 text-sm font-semibold text-indigo-900">
              Best trade-off: {kneeText(knee.point)}
              {knee.point.total !== null && ` (${formatMoney(knee.point.total.amount, knee.point.total.currency)})`}
            </p>
          )}
          <ResponsiveContainer width="100%" height={240} initialDimension={{ width: 640, height: 240 }}>
            <LineChart
              data={points}
              margin={{ top: 16, right: 16, bottom: 8, left: 8 }}
              onClick={(state) => {
                const label = (state as { activeLabel?: unknown } | null)?.activeLabel;
                if (typeof label === "number") onOpen(label);
              }}
            >
              <CartesianGrid stroke="#e2e8f0" vertical={false} />
              <XAxis dataKey="parcels" type="number" domain={["dataMin", "dataMax"]} allowDecimals={false} tick={{ fontSize: 12, fill: "#334155" }} />
              <YAxis tickFormatter={money} width={80} tick={{ fontSize: 12, fill: "#334155" }} domain={["auto", "auto"]} />
              <Tooltip formatter={(value) => money(Number(value))} labelFormatter={(label) => (typeof label === "number" ? `At most ${String(label)} parcels` : "")} />
              <Line type="linear" dataKey="total" name="Cheapest total" stroke="#4338ca" strokeWidth={2} isAnimationActive={false} />
              {knee && <ReferenceDot x={knee.parcels} y={knee.total} r={7} fill="#f59e0b" stroke="#92400e" label={{ value: "knee", position: "top", fontSize: 12 }} />}
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
                  <th scope="col" className="py-1 text-right font-medium">
                    <span className="sr-only">Plan</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {points.map(({ parcels, total, point }) => (
                  <tr key={parcels} aria-current={parcels === own || undefined} className={`border-t border-slate-100 ${parcels === own ? "font-semibold text-indigo-900" : "text-slate-900"}`}>
                    <td className="py-1">
                      {parcels}
                      {point.knee && " (knee)"}
                    </td>
                    <td className="py-1 text-right">
                      {money(total)}
                      {point.extra_fraction !== null && point.extra_fraction >= 0.0005 && <span className="font-normal text-slate-600"> (+{formatPercent(point.extra_fraction)})</span>}
                      {point.status !== "optimal" && <span className="font-normal text-slate-600"> ({unprovenText(point)})</span>}
                    </td>
                    <td className="py-1 text-right">
                      <button
                        type="button"
                        disabled={opening !== null}
                        onClick={() => { onOpen(parcels); }}
                        aria-label={`Open the plan for ${plural(parcels, "parcel")}`}
                        className="min-h-8 rounded px-2 text-sm font-semibold text-indigo-800 underline hover:bg-indigo-50 disabled:text-slate-500"
                      >
                        {opening === parcels ? "Opening…" : "Open plan"}
                      </button>
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
