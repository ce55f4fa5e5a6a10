import { gradeLabel, NOT_GRADED } from "../../lib/marketText";
import { formatPercent } from "../../lib/money";
import { pressingEvidenceLines } from "../../lib/pressingText";
import type { Listing, Match } from "../../services/results";

type FieldCheckKey = "label" | "year" | "format" | "country" | "catalog_number" | "barcode";

const CHECK_LABELS: Record<FieldCheckKey, string> = {
  label: "label",
  year: "year",
  format: "format",
  country: "country",
  catalog_number: "catalogue number",
  barcode: "barcode",
};

/** The matcher's evidence in a few words: name similarity, facts that agree or conflict. */
export function evidenceLines(match: Match): string[] {
  const evidence = match.evidence;
  const lines: string[] = [];
  // A Discogs listing names its release: nothing was compared, so there is nothing to say.
  if (evidence.artist_score > 0 || evidence.title_score > 0) {
    lines.push(`Artist ${formatPercent(evidence.artist_score)} alike, title ${formatPercent(evidence.title_score)} alike`);
  }
  const checks = Object.keys(CHECK_LABELS) as FieldCheckKey[];
  const agree = checks.filter((key) => evidence[key] === "match").map((key) => CHECK_LABELS[key]);
  const conflict = checks.filter((key) => evidence[key] === "conflict").map((key) => CHECK_LABELS[key]);
  if (agree.length > 0) lines.push(`Same ${agree.join(", ")}`);
  if (conflict.length > 0) lines.push(`Different ${conflict.join(", ")}`);
  const unexplained = evidence.unexplained_words;
  if (unexplained.length > 0) lines.push(`Unexplained words: ${unexplained.join(" ")}`);
  if (evidence.not_a_record) lines.push("The listing may not be a record (e.g. a poster or an empty sleeve)");
  return [...lines, ...pressingEvidenceLines(evidence)];
}

export function gradesText(result: Pick<Listing, "media_grade" | "sleeve_grade">): string {
  if (result.media_grade === null && result.sleeve_grade === null) return NOT_GRADED;
  return `Media ${gradeLabel(result.media_grade)} · Sleeve ${gradeLabel(result.sleeve_grade)}`;
}
