import { formatNumber, plural } from "../../lib/format";
import { platformLabel, sourceLabel } from "../../lib/marketText";
import type { Run } from "../../services/runs";

interface PlatformCounts {
  seen: number;
  new: number;
  changed: number;
  gone: number;
  failedSources: number;
  // Sellers seen on eBay that have no store of that name on this marketplace.
  absentSellers: number;
}

export interface SearchRunCounts {
  results: number;
  newResults: number;
  goneResults: number;
  platforms: [string, PlatformCounts][];
  failedSources: { source: string; error: string }[];
  // Discogs inventories read from the shared crawl's store instead of fetched.
  storedInventories: number;
}

const NOTHING: SearchRunCounts = { results: 0, newResults: 0, goneResults: 0, platforms: [], failedSources: [], storedInventories: 0 };

/** A search run's counts, platforms in a stable order; all zero before the run has any. */
export function searchRunCounts(run: Run): SearchRunCounts {
  const counts = run.search;
  if (!counts) return NOTHING;
  const platforms = Object.entries(counts.platforms).map(([name, values]): [string, PlatformCounts] => [
    name,
    { seen: values.seen, new: values.new, changed: values.changed, gone: values.gone, failedSources: values.failed_sources, absentSellers: values.absent_sellers },
  ]);
  const failedSources = Object.entries(counts.sources).flatMap(([source, values]) => (values.error ? [{ source, error: values.error }] : []));
  return {
    results: counts.results,
    newResults: counts.new_results,
    // Results of sources the search no longer reads are gone from it too.
    goneResults: counts.gone_results + counts.ended_results,
    platforms: platforms.sort(([a], [b]) => a.localeCompare(b)),
    failedSources,
    storedInventories: counts.stored_inventories,
  };
}

/** "42 listings for sale: 5 new, 2 gone". */
export function resultsText(counts: SearchRunCounts): string {
  return `${plural(counts.results, "listing")} for sale: ${formatNumber(counts.newResults)} new, ${formatNumber(counts.goneResults)} gone`;
}

/** "eBay: 30 seen, 4 new, 1 changed, 1 gone" per marketplace, with failed sources if any, and
 * how many Discogs inventories came from the shared crawl (they cost the run no calls). */
export function platformTexts(counts: SearchRunCounts): string[] {
  const texts = counts.platforms.map(([name, values]) => {
    const text = `${platformLabel(name)}: ${formatNumber(values.seen)} seen, ${formatNumber(values.new)} new, ${formatNumber(values.changed)} changed, ${formatNumber(values.gone)} gone`;
    const notes = [
      values.failedSources > 0 ? `${plural(values.failedSources, "source")} failed` : null,
      values.absentSellers > 0 ? `${plural(values.absentSellers, "eBay seller")} not on Discogs by that name` : null,
    ].filter((note) => note !== null);
    return notes.length > 0 ? `${text} (${notes.join("; ")})` : text;
  });
  if (counts.storedInventories > 0) texts.push(storedInventoriesText(counts.storedInventories));
  return texts;
}

/** "3 seller inventories read from the shared crawl". */
export function storedInventoriesText(count: number): string {
  return `${plural(count, "seller inventory", "seller inventories")} read from the shared crawl`;
}

export function failedSourceText({ source, error }: { source: string; error: string }): string {
  return `${sourceLabel(source)}: ${error}`;
}
