import type { ReactNode } from "react";
import { TextLink } from "../../components/TextLink";
import { useCredentials } from "../../hooks/useCredentials";
import { useLibraryCounts } from "../../hooks/useLibrary";
import { useLatestRun } from "../../hooks/useRuns";
import { useSearchList } from "../../hooks/useSearches";

interface Step {
  key: string;
  title: string;
  done: boolean;
  /** What to do next while the step is open. */
  todo: ReactNode;
  optional?: boolean;
}

function StepItem({ step, number }: { step: Step; number: number }) {
  return (
    <li className="flex items-start gap-3">
      <span
        aria-hidden="true"
        className={`flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-sm font-bold ${
          step.done ? "bg-emerald-700 text-white" : "border-2 border-slate-300 text-slate-700"
        }`}
      >
        {step.done ? "✓" : number}
      </span>
      <div>
        <p className="font-medium text-slate-900">
          {step.title}
          {step.optional && <span className="font-normal text-slate-600"> (optional)</span>}
          <span className="sr-only">{step.done ? ": done" : ": to do"}</span>
        </p>
        {!step.done && <p className="text-sm text-slate-700">{step.todo}</p>}
      </div>
    </li>
  );
}

/**
 * The steps to a first useful search, each ticked off from real data: Discogs linked, the want
 * list synced, a search saved (and, optionally, eBay keys). Hidden once everything is done.
 */
export function SetupSteps() {
  const credentials = useCredentials();
  const counts = useLibraryCounts();
  const latestSync = useLatestRun("sync_wants");
  const searches = useSearchList(1, 1);
  if (credentials.data === undefined || counts.data === undefined || latestSync.isPending || searches.data === undefined) {
    return <p role="status" className="text-sm text-slate-700">Checking your setup…</p>;
  }

  const configured = (service: string) => credentials.data.some((status) => status.service === service && status.configured);
  const discogsLinked = configured("discogs");
  const steps: Step[] = [
    {
      key: "discogs",
      title: "Link your Discogs account",
      done: discogsLinked,
      todo: (
        <>
          VinylDigger reads your want list and collection from Discogs. <TextLink to="/settings#credentials">Link Discogs</TextLink>
        </>
      ),
    },
    {
      key: "wants",
      title: "Sync your want list",
      done: counts.data.wants > 0 || latestSync.data?.status === "succeeded",
      todo: discogsLinked ? (
        <>
          Linking Discogs started it; follow it on the <TextLink to="/wants">want list</TextLink>, or use Sync now there to run it again.
        </>
      ) : (
        "Starts by itself once Discogs is linked."
      ),
    },
    {
      key: "search",
      title: "Create a saved search",
      done: searches.data.total > 0,
      todo: (
        <>
          Look for your wants within a price and condition you choose. <TextLink to="/searches/new">Create a search</TextLink>
        </>
      ),
    },
    {
      key: "ebay",
      title: "Add your eBay API keys",
      optional: true,
      done: configured("ebay"),
      todo: (
        <>
          Searches then cover eBay as well as Discogs. <TextLink to="/settings#credentials">Add eBay keys</TextLink>
        </>
      ),
    },
  ];
  const required = steps.filter((step) => !step.optional);
  if (steps.every((step) => step.done)) return null;
  const doneCount = required.filter((step) => step.done).length;

  return (
    <section aria-labelledby="setup-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-5">
      <h2 id="setup-heading" className="text-base font-semibold text-slate-900">
        Get set up
      </h2>
      <p className="mt-1 text-sm text-slate-700">
        {doneCount} of {required.length} steps done.
      </p>
      <ol aria-label="Setup steps" className="mt-4 flex flex-col gap-4">
        {steps.map((step, index) => (
          <StepItem key={step.key} step={step} number={index + 1} />
        ))}
      </ol>
    </section>
  );
}
