/** The one call the companion makes to VinylDigger: POST the ids with the import token. */
import type { Harvest } from "./harvest";
import type { CompanionSettings } from "./settings";

// The server refuses larger requests; a page of Shop my wants holds at most 250 listings.
export const IDS_PER_REQUEST = 500;

export class ImportError extends Error {}

interface ImportAnswer {
  id: number;
  listings: number;
}

function errorFor(status: number): string {
  if (status === 401) return "VinylDigger refused the import token. Create a new one in Settings and save it in the options.";
  if (status === 429) return "VinylDigger is still reading earlier imports. Try again in a minute.";
  if (status === 422) return "VinylDigger refused the ids.";
  return `VinylDigger answered ${String(status)}.`;
}

function chunks(ids: number[]): number[][] {
  const parts: number[][] = [];
  for (let start = 0; start < ids.length; start += IDS_PER_REQUEST) parts.push(ids.slice(start, start + IDS_PER_REQUEST));
  return parts.length > 0 ? parts : [[]];
}

/** Sends the harvest; returns the imports created. `fetcher` is the global fetch outside tests. */
export async function sendImport(
  settings: Pick<CompanionSettings, "vinyldiggerUrl" | "importToken">,
  harvest: Harvest,
  fetcher: typeof fetch = fetch,
): Promise<{ importIds: number[]; listings: number }> {
  if (!settings.vinyldiggerUrl || !settings.importToken) {
    throw new ImportError("Set VinylDigger's address and an import token in the companion's options first.");
  }
  const importIds: number[] = [];
  let listings = 0;
  for (const [index, listingIds] of chunks(harvest.listingIds).entries()) {
    let response: Response;
    try {
      response = await fetcher(`${settings.vinyldiggerUrl}/api/v1/imports`, {
        method: "POST",
        headers: { Authorization: `Bearer ${settings.importToken}`, "Content-Type": "application/json" },
        // Only ids: the release ids travel with the first part.
        body: JSON.stringify({ listing_ids: listingIds, release_ids: index === 0 ? harvest.releaseIds : [] }),
        credentials: "omit",
      });
    } catch {
      throw new ImportError(`VinylDigger could not be reached at ${settings.vinyldiggerUrl}.`);
    }
    if (!response.ok) throw new ImportError(errorFor(response.status));
    const answer = (await response.json()) as ImportAnswer;
    importIds.push(answer.id);
    listings += answer.listings;
  }
  return { importIds, listings };
}
