import { gradeLabel, NOT_GRADED } from "../../lib/marketText";
import { formatPercent } from "../../lib/money";
import type { Match, SearchResult } from "../../services/results";

const CHECK_LABELS: Record<string, string> = {
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
  const artist = evidence.artist_score;
  const title = evidence.title_score;
  if (typeof artist === "number" && typeof title === "number") {
    lines.push(`Artist ${formatPercent(artist)} alike, title ${formatPercent(title)} alike`);
  }
  const agree = Object.keys(CHECK_LABELS).filter((key) => evidence[key] === "match").map((key) => CHECK_LABELS[key]);
  const conflict = Object.keys(CHECK_LABELS).filter((key) => evidence[key] === "conflict").map((key) => CHECK_LABELS[key]);
  if (agree.length > 0) lines.push(`Same ${agree.join(", ")}`);
  if (conflict.length > 0) lines.push(`Different ${conflict.join(", ")}`);
  const unexplained = evidence.unexplained_words;
  if (Array.isArray(unexplained) && unexplained.length > 0) lines.push(`Unexplained words: ${unexplained.join(" ")}`);
  if (evidence.not_a_record === true) lines.push("The listing may not be a record (e.g. a poster or an empty sleeve)");
  return lines;
}

export function gradesText(result: Pick<SearchResult, "media_grade" | "sleeve_grade">): string {
  if (result.media_grade === null && result.sleeve_grade === null) return NOT_GRADED;
  return `Media ${gradeLabel(result.media_grade)} · Sleeve ${gradeLabel(result.sleeve_grade)}`;
}
