import type { components } from "../../src/lib/api/schema";
import { basketHandlers } from "./fakeBasket";
import type { FakeBackend } from "./fakeBackend";
import { releaseHandlers } from "./fakeReleases";
import { resultHandlers } from "./fakeResults";

type Result = components["schemas"]["ResultOut"];
type ReleaseView = components["schemas"]["ReleaseViewOut"];
type Plan = components["schemas"]["PlanView"];
type Choices = components["schemas"]["BasketChoicesOut"];
type WantChoice = components["schemas"]["WantChoiceOut"];
type GradeBand = NonNullable<components["schemas"]["PriceSeriesOut"]["grade"]>;
type Verdict = components["schemas"]["DecisionIn"]["verdict"];

/** One listing's price, in the user's currency, from one day to another (null: still for sale). */
export interface PriceObservation {
  listingId: number;
  band: GradeBand;
  amount: string;
  from: string;
  to: string | null;
}

/**
 * What the searches found, the releases and their price history, and basket plans: the part
 * of the fake backend behind the results, release and basket pages.
 */
export function createMarketState() {
  return {
    /** Each search's results as its runs left them. */
    results: new Map<number, Result[]>(),
    /** What the next run of a search finds on the marketplaces; unset: the same as now. */
    upstream: new Map<number, Result[]>(),
    /** Sources that fail in the next search run, with their error. */
    sourceErrors: {} as Record<string, string>,
    /** When set, the next search run fails with this message. */
    runFailsWith: null as string | null,
    /** Milliseconds a match decision takes; whether the backend refuses it. */
    decisionDelayMs: 0,
    decisionsFail: false,
    releases: new Map<number, ReleaseView>(),
    prices: new Map<number, PriceObservation[]>(),
    /** The server's today, the last day of every price series. */
    today: "2025-03-01",
    basket: {
      /** The newest plan made; `plans` keeps every plan made, oldest first. */
      latest: null as Plan | null,
      plans: [] as Plan[],
      /** What planning produces (null: nothing to plan), and with a parcel cap in the choices. */
      next: null as Plan | null,
      capped: new Map<number, Plan>(),
      nextId: 1,
      choices: { min_media_grade: null, min_sleeve_grade: null, budget: null, max_parcels: null, default_value: null, currency: "EUR" } as Choices,
      wants: [] as WantChoice[],
      /** Listing ids marked bought. */
      bought: new Set<number>(),
      /** Marking waits for this before it answers; with `markFails` it answers that the item is gone. */
      markAnswer: null as Promise<void> | null,
      markFails: false,
    },
    calls: {
      runSearch: [] as number[],
      results: [] as Record<string, string>[],
      sellers: [] as Record<string, string>[],
      decisions: [] as { matchId: number; verdict: Verdict }[],
      prices: [] as Record<string, string>[],
      plans: [] as unknown[],
      choices: [] as unknown[],
      wantChoices: [] as unknown[],
    },
  };
}

export type MarketState = ReturnType<typeof createMarketState>;

export function marketHandlers(backend: FakeBackend) {
  return [...resultHandlers(backend), ...releaseHandlers(backend), ...basketHandlers(backend)];
}
