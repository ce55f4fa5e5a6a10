import type { components } from "../../src/lib/api/schema";
import type { FakeBackend } from "./fakeBackend";
import { pressingOf, release } from "./fixtures";

type Result = components["schemas"]["ResultOut"];
type Listing = components["schemas"]["ListingOut"];
type Match = components["schemas"]["MatchOut"];
type Evidence = components["schemas"]["MatchEvidence"];
type ReleaseView = components["schemas"]["ReleaseViewOut"];
type ReleaseOffer = components["schemas"]["ReleaseOfferOut"];
type Plan = components["schemas"]["PlanView"];
type Money = components["schemas"]["MoneyOut"];
type Converted = Pick<Listing, "converted_total" | "converted_missing" | "shipping_known">;

/** What the matcher says when it found nothing either way. */
export const NO_EVIDENCE: Evidence = {
  artist_score: 0,
  title_score: 0,
  artist_words: [],
  title_words: [],
  unexplained_words: [],
  title_extended: false,
  label: "absent",
  year: "absent",
  format: "absent",
  country: "absent",
  catalog_number: "absent",
  barcode: "absent",
  not_a_record: false,
  facts: [],
  ruled_out: [],
};

/** A match as tests write it: only the evidence that matters to them. */
export type MatchSpec = Omit<Match, "evidence" | "wanted" | "other_pressing" | "owned" | "upgrade"> & { evidence: Partial<Evidence> };

/**
 * A search result as tests describe it, flat: the listing's fields, the result's own and the
 * match's flags side by side. `nestResult` gives it the API's shape.
 */
export type ResultSpec = Omit<Result, "listing" | "match"> &
  Omit<Listing, "id" | keyof Converted> &
  Partial<Converted> & {
    listing_id: number;
    wanted: boolean;
    other_pressing: boolean;
    owned: boolean;
    upgrade: boolean;
    match: MatchSpec | null;
  };

/**
 * What the backend says of an amount for a EUR user whose only rate is the euro's: price plus
 * known shipping when both are in euros, else no rate for the foreign currency.
 */
export function converted(price: Money, shipping: Money | null): Converted {
  const foreign = [price, shipping].find((money) => money !== null && money.currency !== "EUR");
  if (foreign) return { converted_total: null, converted_missing: { reason: "no_rate", currency: foreign.currency }, shipping_known: shipping !== null };
  const cents = Math.round(Number(price.amount) * 100) + Math.round(Number(shipping?.amount ?? 0) * 100);
  return { converted_total: { amount: (cents / 100).toFixed(2), currency: "EUR" }, converted_missing: null, shipping_known: shipping !== null };
}

function pickConverted(overrides: Partial<Converted>): Partial<Converted> {
  const picked: Partial<Converted> = {};
  if ("converted_total" in overrides) picked.converted_total = overrides.converted_total;
  if ("converted_missing" in overrides) picked.converted_missing = overrides.converted_missing;
  if ("shipping_known" in overrides) picked.shipping_known = overrides.shipping_known;
  return picked;
}

type ListingSpec = Omit<Listing, keyof Converted> & Partial<Converted>;

/** A listing with its converted total worked out from its price and shipping unless given. */
export function listingOf(spec: ListingSpec): Listing {
  return { ...spec, ...converted(spec.price, spec.shipping), ...pickConverted(spec) };
}

function matchOf(spec: MatchSpec | null, flags: Pick<Match, "wanted" | "other_pressing" | "owned" | "upgrade">): Match | null {
  return spec === null ? null : { ...spec, ...flags, evidence: { ...NO_EVIDENCE, ...spec.evidence } };
}

/** The API's shape of a result described flat. */
export function nestResult(spec: ResultSpec): Result {
  const { id, release_id, source, first_seen_at, last_seen_at, gone_at, is_new, listing_id, wanted, other_pressing, owned, upgrade, match, ...listing } = spec;
  return {
    id,
    release_id,
    source,
    first_seen_at,
    last_seen_at,
    gone_at,
    is_new,
    listing: listingOf({ ...listing, id: listing_id, first_seen_at, last_seen_at }),
    match: matchOf(match, { wanted, other_pressing, owned, upgrade }),
  };
}

function resultSpec(index: number, overrides: Partial<ResultSpec>): ResultSpec {
  const record = release(index);
  const artist = record.artists[0] ?? null;
  return {
    id: index + 1,
    listing_id: 5000 + index,
    platform: "ebay",
    external_id: `v1|${5000 + index}|0`,
    title: `${artist ?? ""} ${record.title} LP vinyl`,
    artist,
    release_id: record.id,
    media_grade: "VG+",
    sleeve_grade: "VG",
    price: { amount: "20.00", currency: "EUR" },
    shipping: { amount: "5.00", currency: "EUR" },
    seller: { username: "groovebox", platform: "ebay", rating: "99.5", rating_count: 1234, country: "DE" },
    ships_from: "DE",
    url: `https://www.ebay.test/itm/${5000 + index}`,
    image: `https://i.ebay.test/${5000 + index}.jpg`,
    buying_option: "FIXED_PRICE",
    auction_end: null,
    source: `ebay:want:${record.id}`,
    first_seen_at: new Date(Date.UTC(2025, 1, 1 + index, 12)).toISOString(),
    last_seen_at: "2025-03-01T09:00:00.000Z",
    gone_at: null,
    is_new: false,
    wanted: true,
    other_pressing: false,
    owned: false,
    upgrade: false,
    match: {
      id: 700 + index,
      release_id: record.id,
      master_id: record.master_id,
      score: 0.93,
      method: "fuzzy",
      confidence: "high",
      evidence: { artist_score: 1, title_score: 0.95, label: "match", year: "absent", unexplained_words: [] },
      decision: null,
      verdict: "same",
      pressing: pressingOf(index),
      named_pressing: null,
    },
    ...overrides,
  };
}

/** A search result for the nth sample release: an eBay listing matched with high confidence. */
export function result(index: number, overrides: Partial<ResultSpec> = {}): Result {
  return nestResult(resultSpec(index, overrides));
}

/** A Discogs marketplace listing of the nth sample release (it names its release). */
export function discogsResult(index: number, overrides: Partial<ResultSpec> = {}): Result {
  const base = resultSpec(index, {});
  return result(index, {
    platform: "discogs",
    external_id: String(9000 + index),
    url: `https://www.discogs.test/sell/item/${9000 + index}`,
    seller: { username: "vinylvault", platform: "discogs", rating: "100.0", rating_count: 87, country: "NL" },
    source: "discogs:seller:vinylvault",
    match: base.match && { ...base.match, id: 800 + index, score: 1, method: "release_id", evidence: {} },
    ...overrides,
  });
}

/** An offer of the release view as tests describe it, flat: the listing's fields and its match. */
export type OfferSpec = Omit<ListingSpec, "id"> & { listing_id: number; match: Match | null };

export function offer(overrides: Partial<OfferSpec> = {}): ReleaseOffer {
  const { listing_id, match, ...listing }: OfferSpec = {
    listing_id: 1,
    platform: "discogs",
    external_id: "1",
    title: "Kind of Blue",
    artist: null,
    url: "https://www.discogs.test/sell/item/1",
    image: null,
    seller: { username: "vinylvault", platform: "discogs", rating: "99.8", rating_count: 1520, country: "NL" },
    ships_from: "NL",
    media_grade: "VG+",
    sleeve_grade: "VG",
    buying_option: "FIXED_PRICE",
    auction_end: null,
    price: { amount: "30.00", currency: "EUR" },
    shipping: { amount: "6.00", currency: "EUR" },
    first_seen_at: "2025-02-10T10:00:00Z",
    last_seen_at: "2025-03-01T09:00:00Z",
    match: null,
    ...overrides,
  };
  return { listing: listingOf({ ...listing, id: listing_id }), match };
}

/** A match of an eBay offer, as the release view carries it. */
export function offerMatch(overrides: Partial<Match> = {}): Match {
  return { id: 71, release_id: 1000, master_id: null, score: 0.91, method: "catalog_number", confidence: "high", decision: null, evidence: NO_EVIDENCE, verdict: "same", pressing: pressingOf(0), named_pressing: null, wanted: true, other_pressing: false, owned: false, upgrade: false, ...overrides };
}

/** The first sample release as the user sees it: wanted, one copy owned, two offers. */
export function releaseView(overrides: Partial<ReleaseView> = {}): ReleaseView {
  return {
    release: release(0),
    relation: { wanted: true, wanted_since: "2024-01-01T12:00:00Z", owned: true, owned_copies: [{ media_grade: "VG", sleeve_grade: "G+" }] },
    currency: "EUR",
    rates_as_of: "2025-02-28",
    offers: [
      offer(),
      offer({
        listing_id: 2,
        platform: "ebay",
        title: "MILES DAVIS Kind of Blue LP Columbia 6-eye",
        url: "https://www.ebay.test/itm/2",
        seller: { username: "jazzhound", platform: "ebay", rating: "98.7", rating_count: 310, country: "US" },
        ships_from: "US",
        media_grade: "NM",
        price: { amount: "45.00", currency: "USD" },
        shipping: null,
        converted_total: { amount: "41.40", currency: "EUR" },
        converted_missing: null,
        match: offerMatch(),
      }),
    ],
    ...overrides,
  };
}

const eur = (amount: string) => ({ amount, currency: "EUR" });

type PlanItem = Plan["parcels"][number]["items"][number];

function planItem(overrides: Partial<PlanItem> & Pick<PlanItem, "offer_id" | "listing_id" | "release_id" | "release" | "title" | "url" | "platform">): PlanItem {
  return {
    pressing_not_stated: false,
    media_grade: null,
    sleeve_grade: null,
    price: eur("0.00"),
    listed_price: null,
    converted_total: null,
    converted_missing: null,
    shipping_known: true,
    ships_from: null,
    bought: false,
    gone: false,
    ...overrides,
  };
}

/** A complete plan of three records from two sellers, with both baselines and the frontier (knee at 2). */
export function basketPlan(overrides: Partial<Plan> = {}): Plan {
  return {
    id: 1,
    created_at: "2025-03-01T10:00:00Z",
    currency: "EUR",
    kind: "complete",
    status: "optimal",
    message: null,
    max_sellers: null,
    budget: null,
    summary: { seller_count: 2, item_count: 3, items_total: eur("66.00"), shipping_total: eur("13.50"), total: eur("79.50") },
    gap: 0,
    solve_seconds: 0.42,
    wants_planned: 3,
    parcels: [
      {
        seller: "groovebox",
        platform: "discogs",
        seller_url: "https://www.discogs.test/seller/groovebox/profile",
        items: [
          planItem({ offer_id: "l11", listing_id: 11, release_id: 1000, release: "Miles Davis - Kind of Blue", title: "Kind of Blue", url: "https://www.discogs.test/sell/item/11", platform: "discogs", media_grade: "VG+", sleeve_grade: "VG", price: eur("24.00"), listed_price: eur("24.00"), ships_from: "NL", converted_total: eur("29.00") }),
          planItem({ offer_id: "l12", listing_id: 12, release_id: 1001, release: "John Coltrane - A Love Supreme", title: "A Love Supreme", url: "https://www.discogs.test/sell/item/12", platform: "discogs", media_grade: "NM", sleeve_grade: "NM", price: eur("30.00"), listed_price: eur("30.00"), ships_from: "NL", converted_total: eur("35.00") }),
        ],
        seller_rating: "99.8",
        seller_rating_count: 1234,
        ships_from: "NL",
        items_total: eur("54.00"),
        shipping: eur("7.50"),
        free_shipping: false,
        shipping_estimated: false,
        total: eur("61.50"),
      },
      {
        seller: "crate_king",
        platform: "ebay",
        seller_url: "https://www.ebay.test/usr/crate_king",
        items: [
          planItem({ offer_id: "l13", listing_id: 13, release_id: 1002, release: "Can - Tago Mago", title: "CAN Tago Mago 2LP UA", url: "https://www.ebay.test/itm/13", platform: "ebay", price: eur("12.00"), listed_price: { amount: "10.20", currency: "GBP" }, ships_from: "GB", shipping_known: false, converted_total: eur("12.00") }),
        ],
        seller_rating: "97.1",
        seller_rating_count: 310,
        ships_from: "GB",
        items_total: eur("12.00"),
        shipping: eur("6.00"),
        free_shipping: false,
        shipping_estimated: true,
        total: eur("18.00"),
      },
    ],
    baselines: [
      { name: "cheapest_each", total: eur("88.50"), seller_count: 3, savings: eur("9.00"), savings_fraction: 0.1017 },
      { name: "most_wants_first", total: eur("84.00"), seller_count: 2, savings: eur("4.50"), savings_fraction: 0.0536 },
    ],
    unfilled: [],
    frontier: [
      { max_sellers: 1, total: eur("95.00"), status: "feasible", gap: 0.0021, extra_cost: eur("15.50"), extra_fraction: 0.195, knee: false },
      { max_sellers: 2, total: eur("79.50"), status: "optimal", extra_cost: eur("0.00"), extra_fraction: 0, knee: true },
    ],
    frontier_status: "ready",
    skipped_without_rate: 0,
    bought_left_out: 0,
    replan_of: null,
    gone_since: 0,
    ...overrides,
  };
}

/** The same list capped at one parcel: Can - Tago Mago left out by the cap. */
export function partialPlan(overrides: Partial<Plan> = {}): Plan {
  const complete = basketPlan();
  return basketPlan({
    id: 2,
    created_at: "2025-03-01T11:00:00Z",
    kind: "partial",
    max_sellers: 1,
    summary: { seller_count: 1, item_count: 2, items_total: eur("54.00"), shipping_total: eur("7.50"), total: eur("61.50") },
    parcels: [complete.parcels[0]!],
    baselines: [],
    unfilled: [{ release_id: 1002, release: "Can - Tago Mago", reason: "excluded_by_cap", required: false }],
    ...overrides,
  });
}

/** Adds a saved search of the want list on both marketplaces, as the user would have made it. */
export function addWantListSearch(backend: FakeBackend, name = "My want list"): FakeBackend["searches"][number] {
  const now = backend.clock();
  const search = {
    id: backend.nextSearchId++,
    name,
    criteria: {
      keywords: null,
      want_list: true,
      platforms: ["discogs", "ebay"] as ("discogs" | "ebay")[],
      price_min: null,
      price_max: null,
      currency: "EUR",
      min_media_grade: null,
      min_sleeve_grade: null,
      ships_from: [],
      ships_to: null,
      min_seller_rating: null,
      formats: [],
      any_pressing: true,
    },
    check_interval_hours: 24,
    is_active: true,
    last_run_at: null,
    next_run_at: "2025-03-02T10:00:00Z",
    created_at: now,
    updated_at: now,
  };
  backend.searches.push(search);
  return search;
}
