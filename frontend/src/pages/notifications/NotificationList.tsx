import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { Button } from "../../components/Button";
import { EmptyState } from "../../components/EmptyState";
import { ExternalLink } from "../../components/ExternalLink";
import { TextLink } from "../../components/TextLink";
import { formatDateTime } from "../../lib/format";
import { queryKeys } from "../../lib/queryClient";
import { listNotifications, markAllRead, markRead, type Notification } from "../../services/alerts";

function NotificationItem({ item, onOpen }: { item: Notification; onOpen: (item: Notification) => void }) {
  const unread = item.read_at === null;
  return (
    <li className={`rounded-lg border p-4 ${unread ? "border-indigo-300 bg-indigo-50" : "border-slate-200 bg-white"}`}>
      <article aria-label={item.title}>
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h3 className="font-semibold text-slate-900">
            <button type="button" className="text-left text-indigo-800 underline underline-offset-2" onClick={() => { onOpen(item); }}>
              {item.title}
            </button>
            {unread && <span className="ml-2 rounded bg-indigo-700 px-1.5 py-0.5 text-xs text-white">New</span>}
          </h3>
          <time className="text-xs text-slate-600" dateTime={item.created_at}>{formatDateTime(item.created_at)}</time>
        </div>
        <p className="mt-1 text-sm text-slate-700">{item.body}</p>
        {item.listing_url !== null && (
          <p className="mt-1 text-sm">
            <ExternalLink href={item.listing_url}>See the listing on the marketplace</ExternalLink>
          </p>
        )}
      </article>
    </li>
  );
}

/** The notifications, newest first; opening one marks it read and goes where it points. */
export function NotificationList({ page, unreadOnly }: { page: number; unreadOnly: boolean }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const list = useQuery({
    queryKey: queryKeys.notificationPage({ page, unreadOnly }),
    queryFn: () => listNotifications(page, unreadOnly),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications });
  const readAll = useMutation({ mutationFn: markAllRead, onSettled: refresh });

  async function open(item: Notification) {
    if (item.read_at === null) {
      await markRead(item.id);
      void refresh();
    }
    void navigate(item.link);
  }

  const items = list.data?.items ?? [];
  if (list.data !== undefined && items.length === 0) {
    return (
      <EmptyState title={unreadOnly ? "Nothing unread" : "No notifications yet"}>
        Alerts appear here when a search run finds what your <TextLink to="/settings#alerts">alert rules</TextLink> ask for.
      </EmptyState>
    );
  }
  return (
    <section aria-label="Your notifications" className="flex flex-col gap-3">
      <div className="flex justify-end">
        <Button variant="secondary" busy={readAll.isPending} onClick={() => { readAll.mutate(); }}>
          Mark all read
        </Button>
      </div>
      <ul className="flex flex-col gap-3">
        {items.map((item) => (
          <NotificationItem key={item.id} item={item} onOpen={(chosen) => { void open(chosen); }} />
        ))}
      </ul>
    </section>
  );
}
