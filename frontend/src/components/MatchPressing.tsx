import { pressingDetail, shownVerdict, VERDICT_LABELS } from "../lib/pressingText";
import type { Match, PressingVerdict } from "../services/results";
import { Badge, type BadgeTone } from "./Badge";

const VERDICT_TONES: Record<PressingVerdict, BadgeTone> = { same: "emerald", other: "sky", undetermined: "amber" };

/** Which pressing the listing is, with that pressing's label, catalogue number, year, country
 * and format words, shown next to the listing's own title. */
export function MatchPressing({ match }: { match: Match }) {
  const detail = pressingDetail(match);
  const verdict = shownVerdict(match);
  return (
    <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-slate-700" data-testid="match-pressing">
      <Badge tone={VERDICT_TONES[verdict]}>{VERDICT_LABELS[verdict]}</Badge>
      {detail && <span className="break-words">{detail}</span>}
    </p>
  );
}
