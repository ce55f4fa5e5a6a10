import { formatNumber, plural } from "../../lib/format";
import { platformLabel, sourceLabel } from "../../lib/marketText";
import type { Run } from "../../services/runs";

interface PlatformCounts {
  seen: number;
  new: number;
  changed: number;
  gone: number;
  failedSources: number;
}

export interface SearchRunCounts {
  results: number;
  newResults: number;
  goneResults: number;
  platforms: [string, PlatformCounts][];
  failedSources: { source: string; error: string }[];
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function count(values: Record<string, unknown>, key: string): number {
  const value = values[key];
  return typeof value === "number" ? value : 0;
}

/** A search run's free-form counts, read with a number for every known key. */
export function searchRunCounts(run: Run): SearchRunCounts {
  const counts = record(run.counts);
  const platforms = Object.entries(record(counts.platforms)).map(([name, raw]): [string, PlatformCounts] => {
    const values = record(raw);
    return [name, { seen: count(values, "seen"), new: count(values, "new"), changed: count(values, "changed"), gone: count(values, "gone"), failedSources: count(values, "failed_sources") }];
  });
  const failedSources = Object.entries(record(counts.sources)).flatMap(([source, raw]) => {
    const error = record(raw).error;
    return typeof error === "string" && error ? [{ source, error }] : [];
  });
  return {
    results: count(counts, "results"),
    newResults: count(counts, "new_results"),
    goneResults: count(counts, "gone_results"),
    platforms: platforms.sort(([a], [b]) => a.localeCompare(b)),
    failedSources,
  };
}

/** "42 listings for sale: 5 new, 2 gone". */
export function resultsText(counts: SearchRunCounts): string {
  return `${plural(counts.results, "listing")} for sale: ${formatNumber(counts.newResults)} new, ${formatNumber(counts.goneResults)} gone`;
}

/** "eBay: 30 seen, 4 new, 1 changed, 1 gone" per marketplace, with failed sources if any. */
export function platformTexts(counts: SearchRunCounts): string[] {
  return counts.platforms.map(([name, values]) => {
    const text = `${platformLabel(name)}: ${formatNumber(values.seen)} seen, ${formatNumber(values.new)} new, ${formatNumber(values.changed)} changed, ${formatNumber(values.gone)} gone`;
    return values.failedSources > 0 ? `${text} (${plural(values.failedSources, "source")} failed)` : text;
  });
}

export function failedSourceText({ source, error }: { source: string; error: string }): string {
  return `${sourceLabel(source)}: ${error}`;
}
