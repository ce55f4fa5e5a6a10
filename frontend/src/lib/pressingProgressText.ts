import { formatNumber, plural } from "./format";
import type { PressingProgress } from "../services/library";

type FailedAlbum = PressingProgress["failures"][number];

/** "Pressings known for 40 of 42 albums; the rest are being read from Discogs." Null while
 * the list holds no album (releases without a master have no other pressings). */
export function pressingProgressText(progress: PressingProgress): string | null {
  const { albums, known, waiting, failed } = progress;
  if (albums === 0) return null;
  if (known === albums) return "Pressings known for every album.";
  const counted = `Pressings known for ${formatNumber(known)} of ${plural(albums, "album")}`;
  if (failed === 0) return `${counted}; the rest are being read from Discogs.`;
  if (waiting === 0) return `${counted}.`;
  return `${counted}; ${formatNumber(waiting)} ${waiting === 1 ? "is" : "are"} being read from Discogs.`;
}

function albumName(album: FailedAlbum): string {
  if (!album.title) return `master ${String(album.master_id)}`;
  return album.artists.length > 0 ? `${album.artists.join(", ")} – ${album.title}` : album.title;
}

/** "Discogs did not give the pressings of Nico – Desertshore and 2 more." */
export function pressingFailureText(progress: PressingProgress): string | null {
  if (progress.failed === 0) return null;
  const named = progress.failures.map(albumName);
  const more = progress.failed - named.length;
  const list = more > 0 ? `${named.join(", ")} and ${formatNumber(more)} more` : named.join(", ");
  return `Discogs did not give the pressings of ${list || plural(progress.failed, "album")}.`;
}

/** For the search's run panel: what a run cannot tell apart yet. Null when every pressing is known. */
export function pressingsPendingText(progress: PressingProgress): string | null {
  const pending = progress.waiting + progress.failed;
  if (pending === 0) return null;
  return `Pressings of ${plural(pending, "album")} are still being read; results for them will say “pressing not stated” until then.`;
}
