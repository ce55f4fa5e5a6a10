import { useCallback, useState } from "react";
import { EmptyState } from "../components/EmptyState";
import { FormAlert } from "../components/FormAlert";
import { FxNotice } from "../components/FxNotice";
import { TextLink } from "../components/TextLink";
import { useLatestPlan, useOpenFrontierPoint, usePlan, usePlanBasket } from "../hooks/useBasket";
import { useBasketChoices, useSaveChoices } from "../hooks/useBasketChoices";
import { usePageTitle } from "../hooks/usePageTitle";
import { ApiError, describeError } from "../lib/api/errors";
import { toast } from "../lib/toast";
import type { BasketChoicesBody, PlanRequest } from "../services/basket";
import type { Run } from "../services/runs";
import { ChoicesForm } from "./basket/ChoicesForm";
import { PlanArea } from "./basket/PlanArea";
import { WantChoicesTable } from "./basket/WantChoicesTable";

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

/** How a finished plan run is announced: only a complete plan is a success. */
function announce(run: Run) {
  if (run.status !== "succeeded") {
    toast.error(`The basket could not be planned: ${run.error ?? "unknown error"}`);
    return;
  }
  const planned = run.basket_plan;
  if (planned?.complete) toast.success("Your basket is planned.");
  else if (planned?.status === "infeasible" || planned?.status === "time_limit")
    toast.error("No plan can buy your must-buy records within your limits. Your last complete plan is kept.");
  else toast.info("Partial plan: some records are left out, see why below. Your last complete plan is kept.");
}

export default function BasketPage() {
  usePageTitle("Basket");
  const choices = useBasketChoices();
  const saveChoices = useSaveChoices();
  const latest = useLatestPlan();
  const latestComplete = useLatestPlan("complete");
  const latestPartial = useLatestPlan("partial");
  const [shownId, setShownId] = useState<number | null>(null);
  const shown = usePlan(shownId);
  const openPoint = useOpenFrontierPoint();
  const onFinished = useCallback((run: Run) => {
    announce(run);
    setShownId(null);
  }, []);
  const onStored = useCallback(() => { setShownId(null); }, []);
  const planBasket = usePlanBasket(onFinished, onStored);
  const [nothingToPlan, setNothingToPlan] = useState<string | null>(null);
  const plan = shownId !== null ? shown.data : latest.data;

  async function request(body: PlanRequest) {
    setNothingToPlan(null);
    try {
      await planBasket.plan(body);
    } catch (error) {
      if (error instanceof ApiError && error.code === "nothing_to_plan") {
        setNothingToPlan(error.message.replace(/\.$/, ""));
        return;
      }
      throw error;
    }
  }

  async function onPlan(body: BasketChoicesBody) {
    await saveChoices.mutateAsync(body);
    await request({});
  }

  function onReplan() {
    if (!plan) return;
    request({ replanOf: plan.id }).catch((error: unknown) => { toast.error(describeError(error)); });
  }

  function onOpenPoint(maxSellers: number) {
    if (!plan || openPoint.isPending) return;
    openPoint.mutate(
      { planId: plan.id, maxSellers },
      { onSuccess: (opened) => { setShownId(opened.id); }, onError: (error) => { toast.error(describeError(error)); } },
    );
  }

  return (
    <div className="flex flex-col gap-6">
      <div className="print:hidden">
        <h1 className="text-2xl font-bold text-slate-900">Basket</h1>
        <p className="mt-1 text-slate-700">The cheapest way to buy the records you want, shipping included, within your choices.</p>
      </div>
      <FxNotice />
      {choices.data ? (
        <ChoicesForm choices={choices.data} onPlan={onPlan} busy={planBasket.busy || saveChoices.isPending} />
      ) : (
        <p className="text-sm text-slate-700">{choices.isError ? "Could not load your basket choices." : "Loading your basket choices…"}</p>
      )}
      <details className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5 print:hidden">
        <summary className="cursor-pointer text-base font-semibold text-slate-900">Choices for each record</summary>
        <p className="mt-1 mb-3 text-sm text-slate-700">
          Must buy: every plan buys it. If it fits: bought when it is worth its max price (or what a record is worth) and the limits allow. Skip:
          never planned.
        </p>
        <WantChoicesTable currency={choices.data?.currency ?? ""} />
      </details>
      {nothingToPlan !== null && plan !== null && plan !== undefined && (
        <FormAlert>{nothingToPlan}. Below is your last plan; its listings may have sold since.</FormAlert>
      )}
      {plan === undefined ? (
        latest.isError || shown.isError ? (
          <p className="text-sm text-slate-700">
            Could not load your plan.{" "}
            <button type="button" className="font-semibold text-indigo-800 underline" onClick={() => void latest.refetch()}>
              Try again
            </button>
          </p>
        ) : (
          <>
            <p role="status" className="sr-only">
              Loading your last plan…
            </p>
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
        <PlanArea
          plan={plan}
          latestComplete={latestComplete.data ?? null}
          latestPartial={latestPartial.data ?? null}
          onShow={setShownId}
          onReplan={onReplan}
          onOpenPoint={onOpenPoint}
          opening={openPoint.isPending ? openPoint.variables.maxSellers : null}
          busy={planBasket.busy}
        />
      )}
    </div>
  );
}
