import { useState } from "react";
import { Button } from "../../components/Button";
import { ButtonLink } from "../../components/ButtonLink";
import { describeError } from "../../lib/api/errors";
import { toast } from "../../lib/toast";
import { downloadPlanCsv, type BasketPlan } from "../../services/basket";

interface PlanActionsProps {
  plan: BasketPlan;
  onReplan: () => void;
  busy: boolean;
}

/** Carrying the plan out: export it, print a checklist, and re-plan what is not bought yet. */
export function PlanActions({ plan, onReplan, busy }: PlanActionsProps) {
  const [exporting, setExporting] = useState(false);
  const bought = plan.parcels.reduce((count, parcel) => count + parcel.items.filter((item) => item.bought).length, 0);
  const gone = plan.parcels.reduce((count, parcel) => count + parcel.items.filter((item) => item.gone && !item.bought).length, 0);

  async function onExport() {
    setExporting(true);
    try {
      await downloadPlanCsv(plan.id);
    } catch (error) {
      toast.error(`The plan could not be exported: ${describeError(error)}`);
    } finally {
      setExporting(false);
    }
  }

  return (
    <section aria-label="Carry out the plan" className="flex flex-col gap-2 print:hidden">
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" busy={exporting} onClick={() => void onExport()} disabled={plan.parcels.length === 0}>
          Export as CSV
        </Button>
        <ButtonLink variant="secondary" to={`/basket/plans/${String(plan.id)}/print`}>
          Printable checklist
        </ButtonLink>
        <Button variant="secondary" busy={busy} disabled={busy} onClick={onReplan}>
          Re-plan the rest
        </Button>
      </div>
      {(bought > 0 || gone > 0) && (
        <p className="text-sm text-slate-700">
          {bought > 0 && `${String(bought)} marked bought. `}
          {gone > 0 && `${String(gone)} no longer for sale. `}
          Re-plan the rest to buy what is left from what is for sale now.
        </p>
      )}
    </section>
  );
}
