import type { Match, MatchPressing, PressingVerdict } from "../services/results";

type Evidence = Match["evidence"];
type FactKind = Evidence["facts"][number]["kind"];

/** What the listing is, pressing-wise, in the words a result shows next to its title. */
export const VERDICT_LABELS: Record<PressingVerdict, string> = {
  same: "This pressing",
  other: "Another pressing",
  undetermined: "Pressing not stated",
};

const FACT_LABELS: Record<FactKind, string> = {
  catalog_number: "catalogue number",
  label: "label",
  country: "country",
  year: "year",
  reissue: "reissue",
  original: "original",
  picture_disc: "picture disc",
  coloured: "coloured vinyl",
  weight: "weight",
  half_speed: "half-speed",
  channels: "mono/stereo",
  promo: "promo",
  matrix: "matrix",
  format: "format",
};

/** "Verve · V6-5032 · 1967 · US · Vinyl, LP, Album": what sets the pressing apart. */
export function pressingFacts(pressing: MatchPressing): string {
  const descriptions = pressing.descriptions.join(", ");
  return [pressing.label, pressing.catno, pressing.year === null ? null : String(pressing.year), pressing.country, descriptions]
    .filter((part): part is string => Boolean(part))
    .join(" · ");
}

/** The verdict a result shows: a listing that is exactly a release the user does not want
 * (another release of a wanted album, e.g. an owned one) is another pressing to them. */
export function shownVerdict(match: Match): PressingVerdict {
  return match.verdict === "same" && match.other_pressing ? "other" : match.verdict;
}

/** The pressing a result names beside its verdict: the one the listing is said to be, or, for
 * another pressing the facts do not single out, the wanted one it is not. */
export function pressingDetail(match: Match): string | null {
  if (match.verdict === "other") {
    if (match.named_pressing !== null) return pressingFacts(match.named_pressing);
    return match.pressing === null ? null : `Not ${pressingFacts(match.pressing)}`;
  }
  return match.pressing === null ? null : pressingFacts(match.pressing);
}

/** The Why panel's pressing lines: the facts read from the listing, the versions they rule out. */
export function pressingEvidenceLines(evidence: Evidence): string[] {
  const lines: string[] = [];
  if (evidence.facts.length > 0) {
    lines.push(`Read from the listing: ${evidence.facts.map((fact) => `${FACT_LABELS[fact.kind]} “${fact.value}”`).join(", ")}`);
  }
  for (const ruled of evidence.ruled_out) {
    lines.push(`Rules out release ${ruled.release_id}: ${ruled.reason}`);
  }
  return lines;
}
