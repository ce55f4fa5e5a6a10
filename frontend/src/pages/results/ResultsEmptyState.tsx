import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { SetupChecklist } from "../../components/SetupChecklist";

/** Why there are no results: filters that leave nothing, or a search that found nothing yet. */
export function ResultsEmptyState({ filtered, onClearFilters }: { filtered: boolean; onClearFilters: () => void }) {
  if (filtered) {
    return (
      <EmptyState
        title="No results match these filters"
        action={
          <Button variant="secondary" onClick={onClearFilters}>
            Clear filters
          </Button>
        }
      >
        Try fewer filters, a higher price or a lower condition.
      </EmptyState>
    );
  }
  return (
    <EmptyState title="Nothing for sale found yet">
      <p>
        Use <strong>Run now</strong> above to look on the marketplaces. Searches also run on their own schedule; listings that match appear
        here.
      </p>
      <div className="mt-3 text-left">
        <SetupChecklist services={["discogs", "ebay"]} />
      </div>
    </EmptyState>
  );
}
