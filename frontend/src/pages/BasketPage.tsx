import { useCallback, useState } from "react";
import { EmptyState } from "../components/EmptyState";
import { FormAlert } from "../components/FormAlert";
import { FxNotice } from "../components/FxNotice";
import { TextLink } from "../components/TextLink";
import { useLatestPlan, usePlanBasket } from "../hooks/useBasket";
import { usePageTitle } from "../hooks/usePageTitle";
import { ApiError } from "../lib/api/errors";
import { toast } from "../lib/toast";
import type { Run } from "../services/runs";
import { FrontierChart } from "./basket/FrontierChart";
import { ParcelList } from "./basket/ParcelList";
import { PlanForm } from "./basket/PlanForm";
import { PlanSummary } from "./basket/PlanSummary";

function NothingToPlan({ message }: { message: string }) {
  return (
    <EmptyState title="Nothing to plan yet">
      <p>{message}.</p>
      <p className="mt-2">
        The basket is built from the current listings of your wanted records. Create a search of your want list on the{" "}
        <TextLink to="/searches">Searches</TextLink> page and run it, then plan again.
      </p>
    </EmptyState>
  );
}

function PlanSkeleton() {
  return (
    <div aria-hidden="true" className="flex flex-col gap-3">
      <div className="h-48 animate-pulse rounded-lg bg-slate-200" />
      <div className="h-32 animate-pulse rounded-lg bg-slate-200" />
    </div>
  );
}

export default function BasketPage() {
  usePageTitle("Basket");
  const latest = useLatestPlan();
  const onFinished = useCallback((run: Run) => {
    if (run.status === "succeeded") toast.success("Your basket is planned.");
    else toast.error(`The basket could not be planned: ${run.error ?? "unknown error"}`);
  }, []);
  const planBasket = usePlanBasket(onFinished);
  const [nothingToPlan, setNothingToPlan] = useState<string | null>(null);
  const plan = latest.data;

  async function onPlan(maxSellers: number | null) {
    setNothingToPlan(null);
    try {
      await planBasket.plan(maxSellers);
    } catch (error) {
      if (error instanceof ApiError && error.code === "nothing_to_plan") {
        setNothingToPlan(error.message.replace(/\.$/, ""));
        return;
      }
      throw error;
    }
  }

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Basket</h1>
        <p className="mt-1 text-slate-700">The cheapest way to buy the records you want, shipping included.</p>
      </div>
      <FxNotice />
      <PlanForm onPlan={onPlan} busy={planBasket.busy} />
      {nothingToPlan !== null && plan !== null && plan !== undefined && (
        <FormAlert>
          {nothingToPlan}. Below is your last plan; its listings may have sold since.
        </FormAlert>
      )}
      {plan === undefined ? (
        latest.isError ? (
          <p className="text-sm text-slate-700">
            Could not load your last plan.{" "}
            <button type="button" className="font-semibold text-indigo-800 underline" onClick={() => void latest.refetch()}>
              Try again
            </button>
          </p>
        ) : (
          <>
            <p role="status" className="sr-only">Loading your last plan…</p>
            <PlanSkeleton />
          </>
        )
      ) : plan === null ? (
        nothingToPlan !== null ? (
          <NothingToPlan message={nothingToPlan} />
        ) : (
          <EmptyState title="No basket planned yet">
            Plans are made from the listings your searches found for the records on your want list. If you have not yet, create a search of your
            want list on the <TextLink to="/searches">Searches</TextLink> page and run it; then use <strong>Plan my basket</strong> above.
          </EmptyState>
        )
      ) : (
        <>
          <PlanSummary plan={plan} />
          {plan.parcels.length > 0 && <ParcelList parcels={plan.parcels} currency={plan.currency} />}
          <FrontierChart plan={plan} />
        </>
      )}
    </div>
  );
}
