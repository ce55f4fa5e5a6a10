import { countryName } from "./countries";
import { plural } from "./format";
import type { Confidence, Grade, ResultFlag, ResultPlatform, ResultSort } from "../services/results";

const PLATFORM_LABELS: Record<string, string> = { ebay: "eBay", discogs: "Discogs" };

export function platformLabel(platform: string): string {
  return PLATFORM_LABELS[platform] ?? platform;
}

export const PLATFORM_OPTIONS: readonly { value: ResultPlatform; label: string }[] = [
  { value: "discogs", label: "Discogs" },
  { value: "ebay", label: "eBay" },
];

/** Best to worst, as the backend orders them. */
export const GRADES: readonly Grade[] = ["M", "NM", "VG+", "VG", "G+", "G", "F", "P"];

export const GRADE_NAMES: Record<Grade, string> = {
  M: "Mint",
  NM: "Near mint",
  "VG+": "Very good plus",
  VG: "Very good",
  "G+": "Good plus",
  G: "Good",
  F: "Fair",
  P: "Poor",
};

export const NOT_GRADED = "Not graded";

/** A grade as listed, or "Not graded" when the seller stated none. */
export function gradeLabel(grade: string | null | undefined): string {
  return grade ?? NOT_GRADED;
}

/** "VG+/VG" (media/sleeve); "Not graded" for a part the seller did not grade. */
export function gradePairLabel(media: string | null | undefined, sleeve: string | null | undefined): string {
  if (media == null && sleeve == null) return NOT_GRADED;
  return `${gradeLabel(media)}/${gradeLabel(sleeve)}`;
}

export const FLAG_LABELS: Record<ResultFlag, string> = {
  wanted: "Wanted",
  other_pressing: "Other pressing",
  owned: "In collection",
  upgrade: "Upgrade",
};

export const FLAG_FILTER_LABELS: Record<ResultFlag, string> = {
  wanted: "On my want list",
  other_pressing: "Another pressing of a want",
  owned: "Already in my collection",
  upgrade: "Better than my copy",
};

export const CONFIDENCE_LABELS: Record<Confidence, string> = { high: "High confidence", low: "Low confidence" };

export const SORT_LABELS: Record<ResultSort, string> = {
  total: "Cheapest total first",
  newest: "Newest first",
  score: "Best match first",
};

const METHOD_LABELS: Record<string, string> = {
  release_id: "listed under this release on Discogs",
  confirmed: "confirmed by you",
  barcode: "barcode",
  catalog_number: "catalogue number",
  fuzzy: "artist and title",
};

export function matchMethodLabel(method: string): string {
  return METHOD_LABELS[method] ?? method.replaceAll("_", " ");
}

/**
 * A seller's positive feedback as the marketplaces show it: "99.8% · 1,234 ratings" (Discogs
 * counts ratings; eBay's count is its feedback score), or null when there is none.
 */
export function sellerRating(rating: string | null, count: number | null = null): string | null {
  if (rating === null) return count === null ? null : plural(count, "rating");
  const value = Number(rating);
  const percent = Number.isFinite(value) ? `${value}%` : rating;
  return count === null ? percent : `${percent} · ${plural(count, "rating")}`;
}

/** "Ships from Germany", or null when the listing does not say. */
export function shipsFromText(country: string | null): string | null {
  return country ? `Ships from ${countryName(country)}` : null;
}

/** A run source key ("ebay:want:123", "discogs:seller:name", "ebay:q:words") for people. */
export function sourceLabel(key: string): string {
  const [platform = "", kind = "", ...rest] = key.split(":");
  const value = rest.join(":");
  const where = platformLabel(platform);
  if (kind === "want") return `${where} search for release ${value}`;
  if (kind === "q") return `${where} search for “${value}”`;
  if (kind === "seller") return `${where} inventory of ${value}`;
  return key;
}
