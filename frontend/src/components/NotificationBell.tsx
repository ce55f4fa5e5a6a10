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
      {/* Drawn, not an emoji: machines without an emoji font would show an empty box. */}
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
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
