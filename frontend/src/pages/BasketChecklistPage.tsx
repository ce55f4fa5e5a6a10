import { useParams } from "react-router";
import { Button } from "../components/Button";
import { TextLink } from "../components/TextLink";
import { usePlan } from "../hooks/useBasket";
import { usePageTitle } from "../hooks/usePageTitle";
import { formatDateTime } from "../lib/format";
import { gradePairLabel, platformLabel } from "../lib/marketText";
import { formatMoney } from "../lib/money";

/** A plan as a printable checklist: one box per item, grouped by parcel, with the addresses to buy them at. */
export default function BasketChecklistPage() {
  usePageTitle("Basket checklist");
  const planId = Number(useParams().planId);
  const plan = usePlan(Number.isInteger(planId) && planId > 0 ? planId : null);

  if (plan.isPending) return <p className="p-6 text-slate-700">Loading the plan…</p>;
  if (plan.isError)
    return (
      <p className="p-6 text-slate-700">
        This plan could not be loaded. <TextLink to="/basket">Back to the basket</TextLink>
      </p>
    );
  const data = plan.data;
  const money = (value: { amount: string; currency: string } | null) => (value === null ? "—" : formatMoney(value.amount, value.currency));
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-4 bg-white p-6 text-slate-900 print:max-w-none print:p-0">
      <div className="flex flex-wrap items-center justify-between gap-2 print:hidden">
        <TextLink to="/basket">Back to the basket</TextLink>
        <Button onClick={() => { window.print(); }}>Print</Button>
      </div>
      <header>
        <h1 className="text-2xl font-bold">Basket checklist</h1>
        <p className="text-sm text-slate-700">
          Plan #{data.id}, made {formatDateTime(data.created_at)}: {data.summary.item_count} items from {data.summary.seller_count} sellers, shipping{" "}
          {money(data.summary.shipping_total)}, total {money(data.summary.total)}.
        </p>
      </header>
      {data.parcels.map((parcel, index) => (
        <section key={`${parcel.platform}:${parcel.seller}`} aria-label={`Parcel ${String(index + 1)}: ${parcel.seller}`} className="break-inside-avoid border-t border-slate-300 pt-3">
          <h2 className="text-lg font-semibold">
            {index + 1}. {parcel.seller} on {platformLabel(parcel.platform)} — {money(parcel.total)}
          </h2>
          {parcel.seller_url !== null && <p className="text-xs break-all text-slate-700">{parcel.seller_url}</p>}
          <ul className="mt-2 flex flex-col gap-2">
            {parcel.items.map((item) => (
              <li key={item.offer_id} className="flex items-start gap-3 text-sm">
                <span aria-hidden="true" className="mt-0.5 inline-block h-4 w-4 shrink-0 border border-slate-700 text-center text-xs leading-4">
                  {item.bought ? "✓" : ""}
                </span>
                <span className="min-w-0 flex-1">
                  <span className="font-medium">{item.release}</span> · {gradePairLabel(item.media_grade, item.sleeve_grade)} · {money(item.price)}
                  {item.bought && <span className="sr-only"> (bought)</span>}
                  <br />
                  <span className="text-xs break-all text-slate-700">{item.url}</span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
