import { useEffect, useRef, useState } from "react";
import { Button } from "../../components/Button";
import { FormAlert } from "../../components/FormAlert";
import { useStartDiscogsOAuth } from "../../hooks/useDiscogsLink";
import { ApiError, describeError } from "../../lib/api/errors";
import { browser } from "../../lib/browser";
import { formatDateTime } from "../../lib/format";
import { toast } from "../../lib/toast";
import type { CredentialStatus } from "../../services/credentials";
import { discogsLink, LINK_METHODS } from "./discogsState";
import { DiscogsTokenForm } from "./DiscogsTokenForm";
import { RemoveCredentials } from "./RemoveCredentials";
import { StatusPill } from "./StatusPill";
import { useDiscogsReturn } from "./useDiscogsReturn";

/**
 * The Discogs account: linked through Discogs' own approval page (OAuth), or with a personal
 * access token for instances without a Discogs application key.
 */
export function DiscogsCard({ status }: { status: CredentialStatus }) {
  const link = discogsLink(status);
  const returned = useDiscogsReturn();
  const [tokenFormOpen, setTokenFormOpen] = useState(false);
  const [oauthUnavailable, setOauthUnavailable] = useState(false);
  const startOAuth = useStartDiscogsOAuth();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const connectRef = useRef<HTMLButtonElement>(null);

  // Coming back from Discogs, the outcome is shown here: bring the card into view.
  useEffect(() => {
    if (returned === null) return;
    headingRef.current?.scrollIntoView({ block: "start" });
    headingRef.current?.focus();
  }, [returned]);

  async function connect() {
    try {
      browser.assign(await startOAuth.mutateAsync());
    } catch (error) {
      if (error instanceof ApiError && error.code === "oauth_unavailable") {
        setOauthUnavailable(true);
        setTokenFormOpen(true);
      } else {
        toast.error(describeError(error));
      }
    }
  }

  function focusConnect() {
    requestAnimationFrame(() => connectRef.current?.focus());
  }

  return (
    <article aria-labelledby="credentials-discogs-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="credentials-discogs-heading" ref={headingRef} tabIndex={-1} className="text-base font-semibold text-slate-900">
          Discogs
        </h3>
        <StatusPill on={link.linked}>{link.linked ? "Linked" : "Not linked"}</StatusPill>
      </div>
      {returned?.outcome === "error" && (
        <div className="mt-3">
          <FormAlert>Discogs was not linked: {returned.reason} You can try again below.</FormAlert>
        </div>
      )}
      {link.linked ? (
        <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-slate-700">Account</dt>
          <dd className="font-mono text-slate-900">{link.username ?? "Unknown"}</dd>
          <dt className="text-slate-700">Linked with</dt>
          <dd className="text-slate-900">{link.method ? LINK_METHODS[link.method] : "Unknown"}</dd>
          {status.updated_at && (
            <>
              <dt className="text-slate-700">Since</dt>
              <dd className="text-slate-900">
                <time dateTime={status.updated_at}>{formatDateTime(status.updated_at)}</time>
              </dd>
            </>
          )}
        </dl>
      ) : (
        <p className="mt-3 text-sm text-slate-700">
          Link your Discogs account so VinylDigger can mirror your want list and collection. You approve access on
          Discogs; VinylDigger never sees your Discogs password.
        </p>
      )}
      {oauthUnavailable && (
        <p role="status" className="mt-3 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-950">
          This VinylDigger instance has no Discogs application key, so approval through Discogs is not available.
          Link with a personal access token instead.
        </p>
      )}
      <div className="mt-4 flex flex-wrap gap-2">
        {!oauthUnavailable && (
          <Button ref={connectRef} onClick={() => void connect()} busy={startOAuth.isPending || startOAuth.isSuccess}>
            {link.linked ? "Reconnect with Discogs" : "Connect with Discogs"}
          </Button>
        )}
        {!tokenFormOpen && (
          <Button variant="secondary" onClick={() => { setTokenFormOpen(true); }}>
            Use a personal token instead
          </Button>
        )}
        {link.linked && (
          <RemoveCredentials
            service="discogs"
            consequence="VinylDigger will stop syncing your want list and collection until you link Discogs again."
            onRemoved={focusConnect}
          />
        )}
      </div>
      {tokenFormOpen && (
        <DiscogsTokenForm
          onDone={() => {
            setTokenFormOpen(false);
            focusConnect();
          }}
        />
      )}
    </article>
  );
}
