import { useEffect, useRef } from "react";
import { useLocation } from "react-router";
import { PageLoader } from "../../components/Spinner";
import { useCredentials } from "../../hooks/useCredentials";
import type { CredentialStatus, MarketplaceService } from "../../services/credentials";
import { DiscogsCard } from "./DiscogsCard";
import { EbayCard } from "./EbayCard";

function statusOf(statuses: readonly CredentialStatus[], service: MarketplaceService): CredentialStatus {
  return statuses.find((status) => status.service === service) ?? { service, configured: false, fields: [], updated_at: null };
}

export function CredentialsSection() {
  const { data: statuses, isPending, isError, refetch } = useCredentials();
  const { hash } = useLocation();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const loaded = statuses !== undefined;

  // Other pages link to #credentials; the section renders only after its data arrives, so the
  // browser's own jump to the anchor has nothing to land on yet.
  useEffect(() => {
    if (!loaded || hash !== "#credentials") return;
    headingRef.current?.scrollIntoView({ block: "start" });
    headingRef.current?.focus();
  }, [loaded, hash]);

  return (
    <section aria-labelledby="credentials-heading" id="credentials" className="flex flex-col gap-4">
      <div>
        <h2 id="credentials-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-slate-900">
          Marketplace accounts
        </h2>
        <p className="mt-1 text-sm text-slate-700">
          VinylDigger uses your own API credentials to read Discogs and search eBay. Secrets are stored encrypted; only
          whether each one is set and its last characters are shown.
        </p>
      </div>
      {isPending && <PageLoader label="Loading marketplace accounts…" />}
      {isError && (
        <p className="text-sm text-slate-700">
          Could not load your marketplace accounts.{" "}
          <button type="button" className="font-semibold text-indigo-800 underline" onClick={() => void refetch()}>
            Try again
          </button>
        </p>
      )}
      {statuses && (
        <>
          <DiscogsCard status={statusOf(statuses, "discogs")} />
          <EbayCard status={statusOf(statuses, "ebay")} />
        </>
      )}
    </section>
  );
}
