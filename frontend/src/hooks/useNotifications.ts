import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { queryKeys } from "../lib/queryClient";
import { followUnread, getUnread, type Unread } from "../services/alerts";

/** How long to wait before opening the stream again after it broke. */
export const RECONNECT_MS = 5000;

/**
 * The unread count, kept live from the notification stream: the server ends the stream every few
 * minutes and it is opened again at once; after an error, again after a few seconds. When a new
 * notification arrives (the newest id changes), the notification lists are refetched.
 */
export function useUnreadNotifications(): Unread | undefined {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: queryKeys.unread, queryFn: getUnread, staleTime: Infinity });

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onUnread = (unread: Unread) => {
      const before = queryClient.getQueryData<Unread>(queryKeys.unread);
      queryClient.setQueryData(queryKeys.unread, unread);
      if (before?.latest_id !== unread.latest_id) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.notifications, refetchType: "active" });
      }
    };
    const follow = () => {
      followUnread(onUnread, controller.signal).then(
        () => { if (!controller.signal.aborted) follow(); },
        () => { if (!controller.signal.aborted) timer = setTimeout(follow, RECONNECT_MS); },
      );
    };
    follow();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [queryClient]);

  return query.data;
}
