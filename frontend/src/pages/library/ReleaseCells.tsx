import { useState } from "react";
import { Link } from "react-router";
import { formatDate } from "../../lib/format";
import type { Release, Want } from "../../services/library";
import { artistsOf, formatsOf, labelsOf } from "./releaseText";
import { forSaleText, newSinceText } from "./wantMarketText";

const placeholder = <div aria-hidden="true" className="h-12 w-12 shrink-0 rounded bg-slate-200" />;

/** The release's thumbnail; a plain square when there is none or it cannot be loaded. */
export function Cover({ release }: { release: Release }) {
  const [failed, setFailed] = useState(false);
  if (release.thumb === null || failed) return placeholder;
  return (
    <img
      src={release.thumb}
      alt=""
      width={48}
      height={48}
      loading="lazy"
      onError={() => { setFailed(true); }}
      className="aspect-square h-12 w-12 max-w-none shrink-0 rounded bg-slate-100 object-cover"
    />
  );
}

/**
 * The title, with what narrower screens have no columns for underneath it: the artist and year
 * on phones, label and format below large screens, and any extra detail (grades) on phones.
 */
export function TitleCell({ release, extra }: { release: Release; extra?: string | undefined }) {
  const phoneLine = [release.year === null ? null : String(release.year), extra].filter(Boolean).join(" · ");
  return (
    <>
      <Link to={`/releases/${release.id}`} className="font-medium text-slate-900 underline decoration-slate-300 underline-offset-2 hover:text-indigo-800 hover:decoration-indigo-700">
        {release.title}
      </Link>
      <span className="block text-sm text-slate-700 sm:hidden">{artistsOf(release)}</span>
      <span className="mt-0.5 block text-xs text-slate-600 lg:hidden">
        {[labelsOf(release), formatsOf(release)].filter(Boolean).join(" · ")}
      </span>
      {phoneLine && <span className="block text-xs text-slate-600 sm:hidden">{phoneLine}</span>}
    </>
  );
}

export function AddedCell({ iso }: { iso: string }) {
  return <time dateTime={iso}>{formatDate(iso)}</time>;
}

/** What is for sale of the want now, from the listings VinylDigger has found. */
export function MarketCell({ want }: { want: Want }) {
  const forSale = forSaleText(want.market);
  const newSince = newSinceText(want.market);
  if (forSale === null) return null;
  return (
    <Link to={`/releases/${want.release.id}`} className="block text-slate-900 hover:text-indigo-800">
      <span className="block">{forSale}</span>
      {newSince && <span className="block text-xs text-emerald-800">{newSince}</span>}
    </Link>
  );
}
