import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { toast } from "../../lib/toast";

export type DiscogsReturn = { outcome: "linked" } | { outcome: "error"; reason: string };

const DEFAULT_REASON = "Discogs did not complete the link.";

function readReturn(params: URLSearchParams): DiscogsReturn | null {
  const outcome = params.get("discogs");
  if (outcome === "linked") return { outcome };
  if (outcome === "error") return { outcome, reason: params.get("reason")?.trim() || DEFAULT_REASON };
  return null;
}

/**
 * After approving (or refusing) access on Discogs, the backend sends the browser back to
 * /settings?discogs=linked or ?discogs=error&reason=…. The outcome is read once, confirmed to
 * the user, and the query is removed so a reload or a shared link does not repeat it.
 */
export function useDiscogsReturn(): DiscogsReturn | null {
  const [searchParams, setSearchParams] = useSearchParams();
  const [returned] = useState(() => readReturn(searchParams));

  useEffect(() => {
    if (returned === null) return;
    if (returned.outcome === "linked") toast.success("Discogs is linked. Your want list and collection are syncing now.");
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete("discogs");
        next.delete("reason");
        return next;
      },
      { replace: true },
    );
  }, [returned, setSearchParams]);

  return returned;
}
