import type { BasketPlan } from "../../services/basket";
import { FrontierChart } from "./FrontierChart";
import { ParcelList } from "./ParcelList";
import { PlanActions } from "./PlanActions";
import { PlanCompare } from "./PlanCompare";
import { PlanSummary } from "./PlanSummary";
import { UnfilledList } from "./UnfilledList";

interface PlanAreaProps {
  plan: BasketPlan;
  latestComplete: BasketPlan | null;
  latestPartial: BasketPlan | null;
  onShow: (planId: number) => void;
  onReplan: () => void;
  onOpenPoint: (maxSellers: number) => void;
  opening: number | null;
  busy: boolean;
}

/** One plan: its summary first, then what it leaves out, how to carry it out, the parcels and the trade-off. */
export function PlanArea({ plan, latestComplete, latestPartial, onShow, onReplan, onOpenPoint, opening, busy }: PlanAreaProps) {
  return (
    <>
      {latestComplete !== null && latestPartial !== null && <PlanCompare complete={latestComplete} partial={latestPartial} shownId={plan.id} onShow={onShow} />}
      <PlanSummary plan={plan} />
      <UnfilledList unfilled={plan.unfilled} />
      <PlanActions plan={plan} onReplan={onReplan} busy={busy} />
      {plan.parcels.length > 0 && <ParcelList parcels={plan.parcels} planId={plan.id} />}
      <FrontierChart plan={plan} onOpen={onOpenPoint} opening={opening} />
    </>
  );
}
