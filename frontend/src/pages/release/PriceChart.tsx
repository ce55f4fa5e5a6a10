import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney } from "../../lib/money";
import type { PriceSeries } from "../../services/releases";
import { chartPoints, formatDay, formatShortDay } from "./releaseText";

const TICK = { fontSize: 12, fill: "#334155" };

/** Daily lowest (solid) and median (dashed) asking price; gaps where nothing was for sale. */
export function PriceChart({ series }: { series: PriceSeries }) {
  const money = (value: number) => formatMoney(value, series.currency);
  const points = chartPoints(series);
  // A few days with prices would be invisible as bare lines: mark each day.
  const dot = points.filter((point) => point.lowest !== null).length < 30 ? { r: 3 } : false;
  return (
    <ResponsiveContainer width="100%" height={280} initialDimension={{ width: 640, height: 280 }}>
      <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
        <CartesianGrid stroke="#e2e8f0" vertical={false} />
        <XAxis dataKey="date" tickFormatter={formatShortDay} minTickGap={24} tick={TICK} />
        <YAxis tickFormatter={money} width={80} tick={TICK} domain={["auto", "auto"]} />
        <Tooltip formatter={(value) => money(Number(value))} labelFormatter={(label) => (typeof label === "string" ? formatDay(label) : "")} />
        <Legend />
        <Line type="stepAfter" dataKey="lowest" name="Lowest" stroke="#4338ca" strokeWidth={2} dot={dot} isAnimationActive={false} />
        <Line type="stepAfter" dataKey="median" name="Median" stroke="#047857" strokeWidth={2} strokeDasharray="6 3" dot={dot} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}
