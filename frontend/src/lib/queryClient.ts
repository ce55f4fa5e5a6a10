import { QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError, describeError } from "./api/errors";
import { toast } from "./toast";

function isClientError(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError(error) {
        // A 401 that survived the refresh means the session ended; the redirect to the login
        // page already tells the user, a toast would only repeat it.
        if (error instanceof ApiError && error.status === 401) return;
        toast.error(describeError(error));
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Retrying a 4xx cannot succeed; transient network or server errors may.
        retry: (failureCount, error) => !isClientError(error) && failureCount < 2,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}

export const queryKeys = {
  me: ["auth", "me"] as const,
  credentials: ["credentials"] as const,
  importTokens: ["imports", "tokens"] as const,
  imports: ["imports", "history"] as const,
  /** Everything read from the want list and collection mirrors, counts included. */
  library: ["library"] as const,
  libraryCounts: ["library", "counts"] as const,
  libraryPressings: ["library", "pressings"] as const,
  libraryList: (kind: string, params: object) => ["library", kind, params] as const,
  runs: ["runs"] as const,
  runList: (params: object) => ["runs", "list", params] as const,
  latestRun: (kind: string) => ["runs", "latest", kind] as const,
  run: (runId: number) => ["runs", "detail", runId] as const,
  searches: ["searches"] as const,
  searchList: (params: object) => ["searches", "list", params] as const,
  search: (searchId: number) => ["searches", "detail", searchId] as const,
  /** What searches found: results and sellers, per search. */
  searchResults: (searchId: number) => ["results", searchId] as const,
  resultPages: (searchId: number) => ["results", searchId, "page"] as const,
  resultPage: (searchId: number, params: object) => ["results", searchId, "page", params] as const,
  sellerPage: (searchId: number, params: object) => ["results", searchId, "sellers", params] as const,
  releases: ["releases"] as const,
  release: (releaseId: number) => ["releases", releaseId] as const,
  releasePrices: (releaseId: number, params: object) => ["releases", releaseId, "prices", params] as const,
  latestSearchRun: (searchId: number) => ["runs", "latest", "search", searchId] as const,
  /** Every basket query: plans, choices and per-want choices. */
  basket: ["basket"] as const,
  latestBasket: ["basket", "latest"] as const,
  /** Followed Discogs sellers: the list, the names (for Follow buttons) and suggestions. */
  followedSellers: ["followed-sellers"] as const,
  followedSellerPage: (params: object) => ["followed-sellers", "page", params] as const,
  followedSellerNames: ["followed-sellers", "names"] as const,
  sellerSuggestions: ["followed-sellers", "suggestions"] as const,
  latestBasketOf: (kind: string) => ["basket", "latest", kind] as const,
  basketPlan: (planId: number) => ["basket", "plan", planId] as const,
  basketChoices: ["basket", "choices"] as const,
  basketWants: (page: number) => ["basket", "wants", page] as const,
  /** The bell, the notification list and the delivery log. */
  notifications: ["notifications"] as const,
  unread: ["notifications", "unread"] as const,
  notificationPage: (params: object) => ["notifications", "page", params] as const,
  deliveries: (page: number) => ["notifications", "deliveries", page] as const,
  alertRules: ["alerts", "rules"] as const,
  alertPreferences: ["alerts", "preferences"] as const,
  pushTargets: ["alerts", "push"] as const,
  mailServer: ["admin", "mail-server"] as const,
};
