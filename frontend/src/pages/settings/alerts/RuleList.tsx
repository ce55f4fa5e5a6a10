import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "../../../lib/queryClient";
import { toast } from "../../../lib/toast";
import {
  createRule,
  deleteRule,
  listRules,
  updateRule,
  type AlertRule,
  type AlertRuleInput,
} from "../../../services/alerts";
import { RuleForm } from "./RuleForm";
import { RuleSummary } from "./RuleSummary";
import { ruleToInput, ruleToValues } from "./ruleValues";

function withActive(rule: AlertRule, isActive: boolean): AlertRuleInput {
  return { ...ruleToInput(ruleToValues(rule)), is_active: isActive };
}

/** The user's alert rules, each edited, switched on or off or removed, and a form for a new one. */
export function RuleList() {
  const queryClient = useQueryClient();
  // Read afresh whenever Settings opens: an e-mail's unsubscribe link changes rules outside the app.
  const rules = useQuery({ queryKey: queryKeys.alertRules, queryFn: listRules, staleTime: 0 });
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.alertRules });
  const toggle = useMutation({
    mutationFn: (rule: AlertRule) => updateRule(rule.id, withActive(rule, !rule.is_active)),
    onSettled: refresh,
  });
  const remove = useMutation({ mutationFn: (rule: AlertRule) => deleteRule(rule.id), onSettled: refresh });

  const [editing, setEditing] = useState<number | null>(null);

  async function save(rule: AlertRule, input: AlertRuleInput) {
    await updateRule(rule.id, input);
    toast.success("Alert rule saved.");
    setEditing(null);
    await refresh();
  }

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
            <li key={rule.id} aria-label={rule.name} className="rounded-md border border-slate-200 p-3">
              {editing === rule.id ? (
                <RuleForm key={rule.id} rule={rule} onSave={(input) => save(rule, input)} onCancel={() => { setEditing(null); }} />
              ) : (
                <RuleSummary
                  rule={rule}
                  onEdit={() => { setEditing(rule.id); }}
                  onToggle={() => { toggle.mutate(rule); }}
                  onRemove={() => { remove.mutate(rule); }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      <RuleForm onSave={add} />
    </section>
  );
}
