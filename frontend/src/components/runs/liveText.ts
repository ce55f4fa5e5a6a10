import { formatNumber } from "../../lib/format";
import { platformLabel } from "../../lib/marketText";
import type { Run } from "../../services/runs";

const STEP_LABELS: Record<string, string> = {
  ebay_searches: "eBay searches",
  discogs_releases: "Discogs releases checked",
  discogs_inventories: "Discogs seller inventories",
};

function possessive(name: string): string {
  return name.endsWith("s") ? `${name}'` : `${name}'s`;
}

/** "about 40 s", "about 2 min": a wait is an estimate, so it is rounded. */
export function aboutDuration(seconds: number): string {
  if (seconds < 45) return `about ${String(Math.max(5, Math.ceil(seconds / 5) * 5))} s`;
  return `about ${String(Math.max(1, Math.round(seconds / 60)))} min`;
}

/** "Waiting for Discogs' rate limit, about 1 min" while the run is held back; else null. */
export function waitingText(run: Run, now: number): string | null {
  const waiting = run.status === "running" ? run.live?.waiting : null;
  if (waiting === null || waiting === undefined) return null;
  const seconds = (Date.parse(waiting.until) - now) / 1000;
  if (!(seconds > 0)) return null;
  return `Waiting for ${possessive(platformLabel(waiting.platform))} rate limit, ${aboutDuration(seconds)}`;
}

/** "eBay searches: 12 of 30" for each step the run takes (steps with nothing to do left out). */
export function stepTexts(run: Run): string[] {
  const steps = run.status === "running" ? (run.live?.steps ?? []) : [];
  return steps
    .filter((step) => step.total > 0)
    .map((step) => `${STEP_LABELS[step.key] ?? step.key}: ${formatNumber(step.done)} of ${formatNumber(step.total)}`);
}
