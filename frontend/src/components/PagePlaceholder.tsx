import type { ReactNode } from "react";
import { usePageTitle } from "../hooks/usePageTitle";

interface PagePlaceholderProps {
  title: string;
  /** What this page will show once the feature behind it ships. */
  comingUp: string;
  /** What the user can do now to be ready for it. */
  nextSteps?: ReactNode;
}

/** A page whose feature is not built yet: says plainly what will be here, never shows fake data. */
export function PagePlaceholder({ title, comingUp, nextSteps }: PagePlaceholderProps) {
  usePageTitle(title);
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" className="text-2xl font-bold text-slate-900">
        {title}
      </h1>
      <p className="mt-3 max-w-prose text-slate-700">{comingUp}</p>
      {nextSteps && (
        <div className="mt-6 rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-base font-semibold text-slate-900">What to do now</h2>
          <div className="mt-2 text-sm text-slate-700">{nextSteps}</div>
        </div>
      )}
    </section>
  );
}
