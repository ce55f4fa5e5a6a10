import { ImportHistory } from "./ImportHistory";
import { ImportTokensPanel } from "./ImportTokensPanel";

/** The browser companion: its tokens and what it sent. */
export function CompanionSection() {
  return (
    <section aria-labelledby="companion-heading" className="rounded-lg border border-slate-200 bg-white p-5 sm:p-6">
      <h2 id="companion-heading" className="text-lg font-semibold text-slate-900">
        Browser companion
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-slate-700">
        Discogs offers no way to list every copy for sale of your wants. The companion extension
        reads the ids of the listings on the Discogs pages you open (Shop my wants, a release's
        marketplace, a seller's store) and sends only those ids here; VinylDigger then reads each
        listing through Discogs' API. It never sends cookies or page contents. Give it an import
        token: it can send listing ids and nothing else, and you can revoke it at any time.
      </p>
      <div className="mt-4 grid gap-6 lg:grid-cols-2">
        <ImportTokensPanel />
        <ImportHistory />
      </div>
    </section>
  );
}
