import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button } from "../../../components/Button";
import { queryKeys } from "../../../lib/queryClient";
import { toast } from "../../../lib/toast";
import {
  CHANNEL_LABELS,
  EVENT_LABELS,
  TIMING_LABELS,
  createRule,
  deleteRule,
  listRules,
  updateRule,
  type AlertRule,
  type AlertRuleInput,
} from "../../../services/alerts";
import { RuleForm } from "./RuleForm";

function asInput(rule: AlertRule, changes: Partial<AlertRuleInput>): AlertRuleInput {
  return {
    name: rule.name,
    search_id: rule.search_id,
    is_active: rule.is_active,
    events: rule.events,
    channels: rule.channels,
    timing: rule.timing,
    max_price: rule.max_price,
    min_media_grade: rule.min_media_grade as AlertRuleInput["min_media_grade"],
    ships_from: rule.ships_from,
    any_pressing: rule.any_pressing,
    price_drop_percent: rule.price_drop_percent,
    bundle_min_wants: rule.bundle_min_wants,
    basket_drop_amount: rule.basket_drop_amount,
    basket_drop_percent: rule.basket_drop_percent,
    ...changes,
  };
}

/** The user's alert rules, each switched on or off or removed, and a form for a new one. */
export function RuleList() {
  const queryClient = useQueryClient();
  // Read afresh whenever Settings opens: an e-mail's unsubscribe link changes rules outside the app.
  const rules = useQuery({ queryKey: queryKeys.alertRules, queryFn: listRules, staleTime: 0 });
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.alertRules });
  const toggle = useMutation({
    mutationFn: (rule: AlertRule) => updateRule(rule.id, asInput(rule, { is_active: !rule.is_active })),
    onSettled: refresh,
  });
  const remove = useMutation({ mutationFn: (rule: AlertRule) => deleteRule(rule.id), onSettled: refresh });

  async function add(input: AlertRuleInput) {
    await createRule(input);
    toast.success("Alert rule added.");
    await refresh();
  }

  return (
    <section aria-labelledby="alert-rules-heading" className="flex flex-col gap-4">
      <h3 id="alert-rules-heading" className="text-base font-semibold text-slate-900">Alert rules</h3>
      {(rules.data ?? []).length === 0 ? (
        <p className="text-sm text-slate-700">No rules yet: nothing is sent until you add one.</p>
      ) : (
        <ul aria-label="Alert rules" className="flex flex-col gap-2">
          {(rules.data ?? []).map((rule) => (
            <li key={rule.id} aria-label={rule.name} className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-slate-200 p-3">
              <div className="text-sm">
                <p className="font-semibold text-slate-900">
                  {rule.name} <span className="font-normal text-slate-600">· {rule.is_active ? "Switched on" : "Switched off"}</span>
                </p>
                <p className="text-slate-700">
                  {rule.events.map((kind) => EVENT_LABELS[kind]).join(", ")} — {rule.channels.map((c) => CHANNEL_LABELS[c]).join(", ")},{" "}
                  {TIMING_LABELS[rule.timing].toLowerCase()}
                </p>
              </div>
              <div className="flex gap-2">
                <Button variant="secondary" onClick={() => { toggle.mutate(rule); }}>
                  {rule.is_active ? `Switch off ${rule.name}` : `Switch on ${rule.name}`}
                </Button>
                <Button variant="danger" onClick={() => { remove.mutate(rule); }}>Remove</Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      <RuleForm onSave={add} />
    </section>
  );
}
