import type { Release } from "../../services/library";

export function artistsOf(release: Release): string {
  return release.artists.length > 0 ? release.artists.join(", ") : "Unknown artist";
}

export function labelsOf(release: Release): string {
  return release.labels.map((label) => (label.catno ? `${label.name} – ${label.catno}` : label.name)).join("; ");
}

export function formatsOf(release: Release): string {
  return release.formats.join(", ");
}
