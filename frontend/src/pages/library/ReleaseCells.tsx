import { formatDate } from "../../lib/format";
import type { Release } from "../../services/library";
import { formatsOf, labelsOf } from "./releaseText";

export function Cover({ release }: { release: Release }) {
  if (release.thumb === null) {
    return <div aria-hidden="true" className="h-12 w-12 shrink-0 rounded bg-slate-200" />;
  }
  return <img src={release.thumb} alt="" width={48} height={48} loading="lazy" className="h-12 w-12 shrink-0 rounded object-cover" />;
}

/** The title, with label and format underneath on screens too narrow for their own columns. */
export function TitleCell({ release }: { release: Release }) {
  return (
    <>
      <span className="font-medium text-slate-900">{release.title}</span>
      <span className="mt-0.5 block text-xs text-slate-600 lg:hidden">
        {[labelsOf(release), formatsOf(release)].filter(Boolean).join(" · ")}
      </span>
    </>
  );
}

export function AddedCell({ iso }: { iso: string }) {
  return <time dateTime={iso}>{formatDate(iso)}</time>;
}
