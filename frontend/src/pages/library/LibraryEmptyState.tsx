import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { TextLink } from "../../components/TextLink";
import { useCredentials } from "../../hooks/useCredentials";
import { useLatestRun } from "../../hooks/useRuns";
import type { LibraryKind } from "../../services/library";
import { isRunActive, SYNC_RUN_KINDS } from "../../services/runs";
import { LIBRARY_TEXT } from "./libraryText";

interface LibraryEmptyStateProps {
  kind: LibraryKind;
  query: string;
  onClearSearch: () => void;
}

/** Why there is nothing to show, and the next step: link Discogs, sync, or search differently. */
export function LibraryEmptyState({ kind, query, onClearSearch }: LibraryEmptyStateProps) {
  const text = LIBRARY_TEXT[kind];
  const { data: credentials } = useCredentials();
  const { data: latest, isPending: latestPending } = useLatestRun(SYNC_RUN_KINDS[kind]);
  const linked = credentials?.find((status) => status.service === "discogs")?.configured;

  if (query) {
    return (
      <EmptyState
        title={`No ${text.many} match “${query}”`}
        action={
          <Button variant="secondary" onClick={onClearSearch}>
            Clear search
          </Button>
        }
      >
        Search looks at artists, titles and labels. Try fewer or different words.
      </EmptyState>
    );
  }
  if (linked === false) {
    return (
      <EmptyState title="Link your Discogs account">
        VinylDigger mirrors {text.onDiscogs} once your account is linked.{" "}
        <TextLink to="/settings#credentials">Link Discogs in Settings</TextLink>, then come back and sync.
      </EmptyState>
    );
  }
  if (latestPending || linked === undefined) return null;
  if (!latest) {
    return (
      <EmptyState title={`Your ${text.title.toLowerCase()} has not been synced yet`}>
        Use <strong>Sync now</strong> above to copy {text.onDiscogs} into VinylDigger.
      </EmptyState>
    );
  }
  if (isRunActive(latest)) {
    return <EmptyState title="Syncing…">The {text.many} appear here as soon as the sync has finished.</EmptyState>;
  }
  if (latest.status === "failed") {
    return (
      <EmptyState title="The last sync failed">
        Nothing has been copied yet. Use <strong>Sync now</strong> above to try again.
      </EmptyState>
    );
  }
  return (
    <EmptyState title={`${text.onDiscogs.replace(/^your/, "Your")} is empty`}>
      Add records to it on Discogs, then use <strong>Sync now</strong> again.
    </EmptyState>
  );
}
