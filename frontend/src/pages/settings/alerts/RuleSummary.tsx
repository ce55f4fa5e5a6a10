import { Button } from "../../../components/Button";
import { countryName } from "../../../lib/countries";
import { CHANNEL_LABELS, EVENT_LABELS, TIMING_LABELS, type AlertRule } from "../../../services/alerts";

interface RuleSummaryProps {
  rule: AlertRule;
  onEdit: () => void;
  onToggle: () => void;
  onRemove: () => void;
}

/** One saved rule in a line or two, with what can be done to it. */
export function RuleSummary({ rule, onEdit, onToggle, onRemove }: RuleSummaryProps) {
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <div className="text-sm">
        <p className="font-semibold text-slate-900">
          {rule.name} <span className="font-normal text-slate-600">· {rule.is_active ? "Switched on" : "Switched off"}</span>
        </p>
        <p className="text-slate-700">
          {rule.events.map((kind) => EVENT_LABELS[kind]).join(", ")} — {rule.channels.map((c) => CHANNEL_LABELS[c]).join(", ")},{" "}
          {TIMING_LABELS[rule.timing].toLowerCase()}
        </p>
        {rule.ships_from.length > 0 && (
          <p className="text-slate-700">Ships from {rule.ships_from.map(countryName).join(", ")}</p>
        )}
      </div>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" aria-label={`Edit ${rule.name}`} onClick={onEdit}>Edit</Button>
        <Button variant="secondary" onClick={onToggle}>
          {rule.is_active ? `Switch off ${rule.name}` : `Switch on ${rule.name}`}
        </Button>
        <Button variant="danger" onClick={onRemove}>Remove</Button>
      </div>
    </div>
  );
}
