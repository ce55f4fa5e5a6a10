import { Badge } from "../../components/Badge";
import { ExternalLink } from "../../components/ExternalLink";
import type { ReleaseView } from "../../services/releases";
import { artistsOf, formatsOf, labelsOf } from "../library/releaseText";
import { ownedText, wantedText } from "./releaseText";

/** Cover, artist, title, labels, year and formats, and what the release is to the user. */
export function ReleaseHeader({ view }: { view: ReleaseView }) {
  const { release, relation } = view;
  const cover = release.cover_image ?? release.thumb;
  const facts = [
    { label: "Label", value: labelsOf(release) },
    { label: "Year", value: release.year === null ? "" : String(release.year) },
    { label: "Country", value: release.country ?? "" },
    { label: "Format", value: formatsOf(release) },
  ].filter((fact) => fact.value !== "");
  const wanted = wantedText(relation);
  const owned = ownedText(relation);

  return (
    <header className="flex flex-col gap-4 sm:flex-row">
      {cover === null ? (
        <div aria-hidden="true" className="h-40 w-40 shrink-0 rounded-lg bg-slate-200" />
      ) : (
        <img src={cover} alt={`Cover of ${release.title}`} width={160} height={160} className="aspect-square h-40 w-40 max-w-none shrink-0 rounded-lg object-cover shadow" />
      )}
      <div className="flex min-w-0 flex-col gap-2">
        <p className="text-lg text-slate-800">{artistsOf(release)}</p>
        <h1 className="text-2xl font-bold break-words text-slate-900">{release.title}</h1>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {facts.map((fact) => (
            <div key={fact.label} className="contents">
              <dt className="text-slate-700">{fact.label}</dt>
              <dd className="text-slate-900">{fact.value}</dd>
            </div>
          ))}
        </dl>
        <div aria-label="You and this release" role="group" className="flex flex-wrap items-center gap-2 text-sm">
          {wanted && <Badge tone="emerald">{wanted}</Badge>}
          {owned && <Badge tone="slate">{owned}</Badge>}
          {!wanted && !owned && <span className="text-slate-700">Not on your want list or in your collection.</span>}
        </div>
        <p className="text-sm">
          <ExternalLink href={`https://www.discogs.com/release/${release.id}`}>Release on Discogs</ExternalLink>
        </p>
      </div>
    </header>
  );
}
