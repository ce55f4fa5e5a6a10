import { ChannelsPanel } from "./alerts/ChannelsPanel";
import { PreferencesForm } from "./alerts/PreferencesForm";
import { RuleList } from "./alerts/RuleList";

const panel = "rounded-lg border border-slate-200 bg-white p-5 sm:p-6";

/** Alerts: the rules, when they may be sent, and the channels they go through. */
export function AlertsSection() {
  return (
    <section id="alerts" aria-labelledby="alerts-heading" className="flex flex-col gap-4">
      <div>
        <h2 id="alerts-heading" className="text-xl font-semibold text-slate-900">Alerts</h2>
        <p className="mt-1 text-sm text-slate-700">
          Be told when a wanted record turns up within your limits, a price drops, a seller has several of your wants, your basket gets cheaper or a search keeps failing.
        </p>
      </div>
      <div className={panel}><RuleList /></div>
      <div className="grid gap-6 lg:grid-cols-2">
        <div className={panel}><ChannelsPanel /></div>
        <div className={panel}><PreferencesForm /></div>
      </div>
    </section>
  );
}
