import { Badge } from "../../components/Badge";
import { Button } from "../../components/Button";
import { CONFIDENCE_LABELS, matchMethodLabel } from "../../lib/marketText";
import { formatPercent } from "../../lib/money";
import type { Match, SearchResult, Verdict } from "../../services/results";
import { evidenceLines } from "./resultText";

interface MatchControlsProps {
  result: SearchResult;
  onDecide: (match: Match, verdict: Verdict) => void;
}

/** How sure the matcher is that the listing is the record, and the user's Confirm / Reject. */
export function MatchControls({ result, onDecide }: MatchControlsProps) {
  const { match } = result;
  if (match === null) return <p className="text-sm text-slate-700">Not matched to a release</p>;
  const askable = match.method !== "release_id";
  const why = evidenceLines(match);
  return (
    <div className="flex flex-col gap-1 text-sm">
      <div className="flex flex-wrap items-center gap-1">
        {match.decision === "confirmed" ? (
          <Badge tone="emerald">Confirmed by you</Badge>
        ) : (
          <Badge tone={match.confidence === "high" ? "emerald" : "amber"}>
            {CONFIDENCE_LABELS[match.confidence]}
          </Badge>
        )}
        <span className="text-xs text-slate-700">
          {formatPercent(match.score)} · by {matchMethodLabel(match.method)}
        </span>
      </div>
      {why.length > 0 && (
        <details className="text-xs text-slate-700">
          <summary className="cursor-pointer">Why</summary>
          <ul className="mt-1 list-inside list-disc">
            {why.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </details>
      )}
      {askable && (
        <div className="flex flex-wrap gap-1">
          {match.decision !== "confirmed" && (
            <Button variant="secondary" aria-label={`Confirm match: ${result.listing.title}`} onClick={() => { onDecide(match, "confirmed"); }}>
              Confirm
            </Button>
          )}
          <Button variant="secondary" aria-label={`Reject match: ${result.listing.title}`} onClick={() => { onDecide(match, "rejected"); }}>
            Reject
          </Button>
        </div>
      )}
    </div>
  );
}
