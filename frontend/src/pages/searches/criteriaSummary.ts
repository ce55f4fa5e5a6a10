import { countryName } from "../../lib/countries";
import type { SearchCriteria } from "../../services/searches";

const PLATFORM_NAMES: Record<string, string> = { discogs: "Discogs", ebay: "eBay" };

function price(criteria: SearchCriteria): string | null {
  const { price_min: min, price_max: max, currency } = criteria;
  if (min && max) return `${min}–${max} ${currency}`;
  if (max) return `Up to ${max} ${currency}`;
  if (min) return `From ${min} ${currency}`;
  return null;
}

/** The criteria of a saved search as short readable lines, leaving out what is not set. */
export function criteriaSummary(criteria: SearchCriteria): { label: string; value: string }[] {
  const lines: { label: string; value: string }[] = [];
  const looking = [
    criteria.keywords ? `“${criteria.keywords}”` : null,
    criteria.want_list ? (criteria.any_pressing ? "want list, any pressing" : "want list") : null,
  ].filter(Boolean);
  lines.push({ label: "Looks for", value: looking.join(" in ") });
  lines.push({ label: "On", value: (criteria.platforms ?? []).map((platform) => PLATFORM_NAMES[platform] ?? platform).join(", ") });
  const priceText = price(criteria);
  if (priceText) lines.push({ label: "Price", value: priceText });
  const grades = [
    criteria.min_media_grade ? `media ${criteria.min_media_grade} or better` : null,
    criteria.min_sleeve_grade ? `sleeve ${criteria.min_sleeve_grade} or better` : null,
  ].filter(Boolean);
  if (grades.length > 0) lines.push({ label: "Condition", value: grades.join(", ") });
  if (criteria.formats?.length) lines.push({ label: "Formats", value: criteria.formats.join(", ") });
  if (criteria.ships_from?.length) lines.push({ label: "Ships from", value: criteria.ships_from.map(countryName).join(", ") });
  if (criteria.ships_to) lines.push({ label: "Ships to", value: countryName(criteria.ships_to) });
  if (criteria.min_seller_rating != null) lines.push({ label: "Seller rating", value: `at least ${criteria.min_seller_rating}%` });
  return lines;
}
