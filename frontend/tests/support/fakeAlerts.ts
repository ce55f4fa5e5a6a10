import type { components } from "../../src/lib/api/schema";
import { errorBody, http, unauthorized, type FakeBackend } from "./fakeBackend";

type Notification = components["schemas"]["NotificationOut"];
type Rule = components["schemas"]["RuleOut"];
type Unread = components["schemas"]["UnreadOut"];

/** The alert side of the fake backend: notifications with a live unread stream, rules, tokens. */
export interface AlertState {
  notifications: Notification[];
  rules: Rule[];
  /** Signed tokens the unsubscribe endpoint accepts, by the rule they switch off. */
  tokens: Map<string, number>;
  listeners: Set<(unread: Unread) => void>;
}

const states = new WeakMap<FakeBackend, AlertState>();

export function alertState(backend: FakeBackend): AlertState {
  let state = states.get(backend);
  if (state === undefined) {
    state = { notifications: [], rules: [], tokens: new Map(), listeners: new Set() };
    states.set(backend, state);
  }
  return state;
}

function unreadOf(state: AlertState): Unread {
  return {
    unread: state.notifications.filter((item) => item.read_at === null).length,
    latest_id: Math.max(0, ...state.notifications.map((item) => item.id)),
  };
}

/** A notification arrives, as the delivery job would add one: open streams hear of it at once. */
export function notify(backend: FakeBackend, fields: Partial<Notification> & Pick<Notification, "title">): Notification {
  const state = alertState(backend);
  const item: Notification = {
    id: state.notifications.length + 1,
    kind: "new_wanted_listing",
    body: "25.00 EUR delivered",
    link: "/releases/1",
    listing_url: null,
    listing_id: null,
    release_id: null,
    search_id: null,
    trigger: {},
    read_at: null,
    created_at: backend.clock(),
    ...fields,
  };
  state.notifications.unshift(item);
  for (const listener of state.listeners) listener(unreadOf(state));
  return item;
}

function unreadStream(state: AlertState): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let listener: ((unread: Unread) => void) | null = null;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      listener = (unread) => {
        controller.enqueue(encoder.encode(`event: unread\r\ndata: ${JSON.stringify(unread)}\r\n\r\n`));
      };
      state.listeners.add(listener);
      listener(unreadOf(state));
    },
    cancel() {
      if (listener) state.listeners.delete(listener);
    },
  });
}

type RuleBody = components["schemas"]["RuleInput"];

const decimalOrNull = (value: RuleBody["max_price"]) => (value === undefined || value === null ? null : String(value));

/** The API's own refusals the tests exercise: no events, a search not the user's, a percentage over 100. */
function refuseRule(backend: FakeBackend, body: RuleBody) {
  if (body.events.length === 0) {
    return errorBody("validation_error", "events: List should have at least 1 item", [
      { field: "events", message: "List should have at least 1 item" },
    ]);
  }
  if (body.search_id !== undefined && body.search_id !== null && !backend.searches.some((search) => search.id === body.search_id)) {
    return errorBody("validation_error", "search_id: no such saved search", [{ field: "body.search_id", message: "no such saved search" }]);
  }
  if (body.basket_drop_percent !== undefined && body.basket_drop_percent !== null && Number(body.basket_drop_percent) > 100) {
    return errorBody("validation_error", "basket_drop_percent: Input should be less than or equal to 100", [
      { field: "body.basket_drop_percent", message: "Input should be less than or equal to 100" },
    ]);
  }
  return null;
}

function ruleOf(body: RuleBody, id: number, createdAt: string): Rule {
  return {
    id,
    name: body.name,
    search_id: body.search_id ?? null,
    is_active: body.is_active,
    events: body.events,
    channels: body.channels,
    timing: body.timing,
    max_price: decimalOrNull(body.max_price),
    min_media_grade: body.min_media_grade ?? null,
    ships_from: body.ships_from ?? [],
    any_pressing: body.any_pressing,
    price_drop_percent: String(body.price_drop_percent),
    bundle_min_wants: body.bundle_min_wants,
    basket_drop_amount: decimalOrNull(body.basket_drop_amount),
    basket_drop_percent: decimalOrNull(body.basket_drop_percent),
    created_at: createdAt,
  };
}

export function alertHandlers(backend: FakeBackend) {
  const state = alertState(backend);
  return [
    http.get("/api/v1/notifications/unread", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      return response(200).json(unreadOf(state));
    }),
    http.get("/api/v1/notifications/events", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      return response.untyped(new Response(unreadStream(state), { headers: { "Content-Type": "text/event-stream" } }));
    }),
    http.get("/api/v1/notifications", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const unreadOnly = new URL(request.url).searchParams.get("unread") === "true";
      const items = state.notifications.filter((item) => !unreadOnly || item.read_at === null);
      return response(200).json({ items, total: items.length, page: 1, per_page: 25, pages: 1 });
    }),
    http.post("/api/v1/notifications/{notification_id}/read", ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const item = state.notifications.find((candidate) => candidate.id === Number(params.notification_id));
      if (item === undefined) return response(404).json(errorBody("not_found", "Notification not found"));
      item.read_at = backend.clock();
      for (const listener of state.listeners) listener(unreadOf(state));
      return response(200).json({ marked: 1 });
    }),
    http.get("/api/v1/alerts/rules", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      return response(200).json({ items: state.rules, total: state.rules.length, page: 1, per_page: 100, pages: 1 });
    }),
    http.post("/api/v1/alerts/rules", async ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const body = await request.json();
      const refusal = refuseRule(backend, body);
      if (refusal) return response(422).json(refusal);
      const rule = ruleOf(body, state.rules.length + 1, backend.clock());
      state.rules.push(rule);
      return response(201).json(rule);
    }),
    http.put("/api/v1/alerts/rules/{rule_id}", async ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const index = state.rules.findIndex((candidate) => candidate.id === Number(params.rule_id));
      const existing = state.rules[index];
      if (existing === undefined) return response(404).json(errorBody("not_found", "Alert rule not found"));
      const body = await request.json();
      const refusal = refuseRule(backend, body);
      if (refusal) return response(422).json(refusal);
      const rule = ruleOf(body, existing.id, existing.created_at);
      state.rules[index] = rule;
      return response(200).json(rule);
    }),
    http.get("/api/v1/alerts/preferences", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      return response(200).json({
        time_zone: "UTC",
        quiet_start_hour: null,
        quiet_end_hour: null,
        daily_digest_hour: 8,
        hourly_cap: null,
        instance_hourly_cap: 20,
      });
    }),
    http.get("/api/v1/alerts/push-targets", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      return response(200).json([]);
    }),
    http.get("/api/v1/admin/mail-server", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      return response(200).json({
        source: "none",
        host: null,
        port: null,
        username: null,
        password_set: false,
        sender: null,
        starttls: null,
      });
    }),
    http.post("/api/v1/alerts/unsubscribe", async ({ request, response }) => {
      const body = (await request.json()) as { token: string } | null;
      const ruleId = state.tokens.get(body?.token ?? "");
      const rule = state.rules.find((candidate) => candidate.id === ruleId);
      if (rule === undefined) return response(400).json(errorBody("invalid_link", "This unsubscribe link is not valid."));
      rule.is_active = false;
      return response(200).json({ rule_id: rule.id, rule_name: rule.name, is_active: false });
    }),
  ];
}
