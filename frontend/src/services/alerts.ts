import { api } from "../lib/api/client";
import type { components } from "../lib/api/schema";
import { toApiError } from "../lib/api/errors";
import { expectSuccess, unwrap } from "../lib/api/unwrap";
import { readServerSentEvents } from "../lib/sse";

export type AlertRule = components["schemas"]["RuleOut"];
export type AlertRuleInput = components["schemas"]["RuleInput"];
export type AlertEventKind = components["schemas"]["EventKind"];
export type AlertChannel = components["schemas"]["Channel"];
export type AlertTiming = components["schemas"]["Timing"];
export type AlertPreferences = components["schemas"]["PreferencesOut"];
export type AlertPreferencesInput = components["schemas"]["PreferencesInput"];
export type PushTarget = components["schemas"]["PushTargetState"];
export type Notification = components["schemas"]["NotificationOut"];
export type NotificationPage = components["schemas"]["Page_NotificationOut_"];
export type Delivery = components["schemas"]["DeliveryOut"];
export type DeliveryPage = components["schemas"]["Page_DeliveryOut_"];
export type Unread = components["schemas"]["UnreadOut"];
export type TestResult = components["schemas"]["TestResultOut"];
export type MailServer = components["schemas"]["MailServerState"];
export type MailServerInput = components["schemas"]["MailServerInput"];

export const EVENT_LABELS: Record<AlertEventKind, string> = {
  new_wanted_listing: "New wanted listing",
  price_drop: "Price drop",
  seller_bundle: "A seller has several of my wants",
  basket_cheaper: "My basket got cheaper",
  search_failing: "A search keeps failing",
};

export const CHANNEL_LABELS: Record<AlertChannel, string> = {
  in_app: "In the app",
  email: "E-mail",
  push: "Push",
};

export const TIMING_LABELS: Record<AlertTiming, string> = {
  instant: "At once",
  hourly: "Hourly digest",
  daily: "Daily digest",
};

export function listRules(): Promise<AlertRule[]> {
  return unwrap(api.GET("/api/v1/alerts/rules", { params: { query: { per_page: 100 } } })).then((page) => page.items);
}

export function createRule(input: AlertRuleInput): Promise<AlertRule> {
  return unwrap(api.POST("/api/v1/alerts/rules", { body: input }));
}

export function updateRule(ruleId: number, input: AlertRuleInput): Promise<AlertRule> {
  return unwrap(api.PUT("/api/v1/alerts/rules/{rule_id}", { params: { path: { rule_id: ruleId } }, body: input }));
}

export function deleteRule(ruleId: number): Promise<void> {
  return expectSuccess(api.DELETE("/api/v1/alerts/rules/{rule_id}", { params: { path: { rule_id: ruleId } } }));
}

export function getPreferences(): Promise<AlertPreferences> {
  return unwrap(api.GET("/api/v1/alerts/preferences"));
}

export function savePreferences(input: AlertPreferencesInput): Promise<AlertPreferences> {
  return unwrap(api.PUT("/api/v1/alerts/preferences", { body: input }));
}

export function listPushTargets(): Promise<PushTarget[]> {
  return unwrap(api.GET("/api/v1/alerts/push-targets"));
}

export function addPushTarget(name: string, url: string): Promise<PushTarget> {
  return unwrap(api.POST("/api/v1/alerts/push-targets", { body: { name, url } }));
}

export function removePushTarget(targetId: number): Promise<void> {
  return expectSuccess(
    api.DELETE("/api/v1/alerts/push-targets/{target_id}", { params: { path: { target_id: targetId } } }),
  );
}

export function testPushTarget(targetId: number): Promise<TestResult> {
  return unwrap(api.POST("/api/v1/alerts/push-targets/{target_id}/test", { params: { path: { target_id: targetId } } }));
}

export function testEmail(): Promise<TestResult> {
  return unwrap(api.POST("/api/v1/alerts/test/email"));
}

export function testInApp(): Promise<Notification> {
  return unwrap(api.POST("/api/v1/alerts/test/in-app"));
}

export function listNotifications(page: number, unreadOnly: boolean): Promise<NotificationPage> {
  return unwrap(api.GET("/api/v1/notifications", { params: { query: { page, per_page: 25, unread: unreadOnly } } }));
}

export function getUnread(): Promise<Unread> {
  return unwrap(api.GET("/api/v1/notifications/unread"));
}

export function markRead(notificationId: number): Promise<void> {
  return expectSuccess(
    api.POST("/api/v1/notifications/{notification_id}/read", { params: { path: { notification_id: notificationId } } }),
  );
}

export function markAllRead(): Promise<void> {
  return expectSuccess(api.POST("/api/v1/notifications/read-all"));
}

export function listDeliveries(page: number): Promise<DeliveryPage> {
  return unwrap(api.GET("/api/v1/alerts/deliveries", { params: { query: { page, per_page: 25 } } }));
}

export function unsubscribe(token: string): Promise<components["schemas"]["UnsubscribedOut"]> {
  return unwrap(api.POST("/api/v1/alerts/unsubscribe", { body: { token } }));
}

export function getMailServer(): Promise<MailServer> {
  return unwrap(api.GET("/api/v1/admin/mail-server"));
}

export function saveMailServer(input: MailServerInput): Promise<MailServer> {
  return unwrap(api.PUT("/api/v1/admin/mail-server", { body: input }));
}

export function testMailServer(): Promise<TestResult> {
  return unwrap(api.POST("/api/v1/admin/mail-server/test"));
}

/** The server pings every 15 seconds; twice that in silence means the stream is stuck. */
const EVENTS_IDLE_MS = 30_000;

/**
 * Follows the unread count's server-sent events until the server ends the stream (it does every
 * few minutes) or the signal aborts; throws when the stream cannot be opened or goes silent.
 */
export async function followUnread(onUnread: (unread: Unread) => void, signal: AbortSignal): Promise<void> {
  const { response } = await api.GET("/api/v1/notifications/events", {
    parseAs: "stream",
    signal,
    headers: { Accept: "text/event-stream" },
  });
  if (!response.ok) throw toApiError(response, null);
  if (response.body === null) throw new Error("The notification stream has no body.");
  for await (const event of readServerSentEvents(response.body, signal, EVENTS_IDLE_MS)) {
    if (event.event === "unread") onUnread(JSON.parse(event.data) as Unread);
  }
}
