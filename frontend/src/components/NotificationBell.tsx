import { NavLink } from "react-router";
import { useUnreadNotifications } from "../hooks/useNotifications";

/** The bell in the app's frame: a link to the notification centre with the unread count, live. */
export function NotificationBell() {
  const unread = useUnreadNotifications()?.unread ?? 0;
  const label = unread === 0 ? "Notifications" : `Notifications, ${String(unread)} unread`;
  return (
    <NavLink
      to="/notifications"
      aria-label={label}
      title={label}
      className="relative inline-flex items-center rounded-md px-2 py-1 text-indigo-100 hover:bg-indigo-800 hover:text-white"
    >
      <span aria-hidden="true" className="text-lg">🔔</span>
      {unread > 0 && (
        <span
          aria-hidden="true"
          data-testid="unread-count"
          className="absolute -right-1 -top-1 min-w-5 rounded-full bg-amber-400 px-1 text-center text-xs font-bold text-indigo-950"
        >
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </NavLink>
  );
}
