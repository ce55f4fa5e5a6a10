import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { useLatestPlan } from "../../hooks/useBasket";
import { useLastVisit } from "../../hooks/useLastVisit";
import { formatDateTime, formatNumber } from "../../lib/format";
import { formatMoney, formatPercent } from "../../lib/money";
import { fetchNewMatches } from "../../services/dashboard";
import { NewFinds } from "./NewFinds";

function Card({ title, children, to, action }: { title: string; children: React.ReactNode; to: string; action: string }) {
  return (
    <li className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4">
      <h3 className="text-sm font-semibold text-slate-700">{title}</h3>
      <div className="text-slate-900">{children}</div>
      <Link to={to} className="mt-auto text-sm font-medium text-indigo-700 underline hover:text-indigo-900">
        {action}
      </Link>
    </li>
  );
}

function NewMatchesCard() {
  const visit = useLastVisit();
  const lastVisit = visit.data?.since ?? null;
  const query = useQuery({
    queryKey: ["dashboard", "new-matches", lastVisit],
    queryFn: () => fetchNewMatches(lastVisit ?? "", 3),
    enabled: lastVisit !== null,
  });
  let body: React.ReactNode;
  if (visit.isPending) body = <p aria-busy="true">Counting…</p>;
  else if (visit.isError) body = <p>Could not count new matches.</p>;
  else if (lastVisit === null) body = <p>New wanted listings will be counted from your next visit.</p>;
  else if (query.isPending) body = <p aria-busy="true">Counting…</p>;
  else if (query.isError) body = <p>Could not count new matches.</p>;
  else {
    body = (
      <>
        <p>
          <span className="text-2xl font-bold">{formatNumber(query.data.count)}</span> new wanted listings since your last visit ({formatDateTime(lastVisit)}).
        </p>
        <NewFinds items={query.data.items.slice(0, 3)} />
      </>
    );
  }
  return (
    <Card title="New matches" to="/searches" action="See your searches">
      {body}
    </Card>
  );
}

function BasketCard() {
  const plan = useLatestPlan("complete");
  let body: React.ReactNode;
  if (plan.isPending) body = <p aria-busy="true">Loading…</p>;
  else if (plan.isError) body = <p>Could not load your basket.</p>;
  else if (plan.data === null || plan.data.summary.total === null) body = <p>No basket planned yet.</p>;
  else {
    const cheapest = plan.data.baselines.find((baseline) => baseline.name === "cheapest_each");
    body = (
      <p>
        Best basket <span className="text-2xl font-bold">{formatMoney(plan.data.summary.total.amount, plan.data.currency)}</span> from {plan.data.summary.seller_count} sellers
        {cheapest ? `, saving ${formatMoney(cheapest.savings.amount, plan.data.currency)} (${formatPercent(cheapest.savings_fraction)}) against buying each record at its cheapest` : ""}.
      </p>
    );
  }
  return (
    <Card title="Basket" to="/basket" action="Open the basket">
      {body}
    </Card>
  );
}

/** What changed for the user: new wanted listings and the best basket's savings. */
export function Highlights() {
  return (
    <section aria-labelledby="highlights-heading">
      <h2 id="highlights-heading" className="sr-only">
        Highlights
      </h2>
      <ul className="grid gap-3 sm:grid-cols-2">
        <NewMatchesCard />
        <BasketCard />
      </ul>
    </section>
  );
}
