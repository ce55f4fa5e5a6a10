import { Badge } from "../../components/Badge";
import { useMediaQuery, WIDE_SCREEN } from "../../hooks/useMediaQuery";
import { formatDate } from "../../lib/format";
import type { AdminUser } from "../../services/admin";
import { AccessSwitch } from "./AccessSwitch";
import { SETTING_LABELS, switchLabel, type AccessSetting } from "./adminText";

interface UserListProps {
  /** Undefined while the first page loads. */
  users: AdminUser[] | undefined;
  /** The signed-in administrator, marked in the list. */
  currentUserId: number | undefined;
  /** The account whose change is on its way. */
  pendingUserId: number | undefined;
  /** A newer page is on its way; the accounts shown are the previous ones. */
  refreshing: boolean;
  onToggle: (user: AdminUser, setting: AccessSetting) => void;
}

const SETTINGS: readonly AccessSetting[] = ["is_active", "is_admin"];
const cellClass = "px-3 py-2 align-middle";
const HEADERS = ["E-mail", "Joined", "Currency", SETTING_LABELS.is_active, SETTING_LABELS.is_admin] as const;

function Email({ user, isYou }: { user: AdminUser; isYou: boolean }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span className="font-medium break-all text-slate-900">{user.email}</span>
      {isYou && <Badge tone="indigo">You</Badge>}
      {!user.is_active && <Badge tone="red">Disabled</Badge>}
    </span>
  );
}

/** The accounts of this instance: a table on wide screens, cards on phones. */
export function UserList({ users, currentUserId, pendingUserId, refreshing, onToggle }: UserListProps) {
  const wide = useMediaQuery(WIDE_SCREEN);
  if (users === undefined) {
    return (
      <>
        <p role="status" className="sr-only">
          Loading accounts…
        </p>
        <div aria-hidden="true" className="flex flex-col gap-2">
          {[0, 1, 2, 3].map((index) => (
            <div key={index} className="h-12 animate-pulse rounded-lg bg-slate-200" />
          ))}
        </div>
      </>
    );
  }
  const toggle = (user: AdminUser, setting: AccessSetting) => (
    <AccessSwitch
      checked={user[setting]}
      label={switchLabel(setting, user)}
      busy={pendingUserId === user.id}
      onToggle={() => { onToggle(user, setting); }}
    />
  );

  if (!wide) {
    return (
      <ul aria-label="Accounts" aria-busy={refreshing} className={`flex flex-col gap-3 ${refreshing ? "opacity-60" : ""}`}>
        {users.map((user) => (
          <li key={user.id} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
            <Email user={user} isYou={user.id === currentUserId} />
            <p className="mt-1 text-xs text-slate-700">
              Joined {formatDate(user.created_at)} · {user.currency}
            </p>
            <div className="mt-3 flex flex-wrap gap-x-6 gap-y-2">
              {SETTINGS.map((setting) => (
                <div key={setting} className="flex items-center gap-2">
                  <span aria-hidden="true" className="text-slate-800">
                    {SETTING_LABELS[setting]}
                  </span>
                  {toggle(user, setting)}
                </div>
              ))}
            </div>
          </li>
        ))}
      </ul>
    );
  }

  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table aria-busy={refreshing} className={`w-full text-left text-sm ${refreshing ? "opacity-60" : ""}`}>
        <caption className="sr-only">Accounts</caption>
        <thead className="bg-slate-50 text-slate-900">
          <tr>
            {HEADERS.map((header) => (
              <th key={header} scope="col" className={`${cellClass} font-semibold`}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id} className="border-t border-slate-100 text-slate-800">
              <th scope="row" className={`${cellClass} font-normal`}>
                <Email user={user} isYou={user.id === currentUserId} />
              </th>
              <td className={`${cellClass} whitespace-nowrap`}>
                <time dateTime={user.created_at}>{formatDate(user.created_at)}</time>
              </td>
              <td className={cellClass}>{user.currency}</td>
              {SETTINGS.map((setting) => (
                <td key={setting} className={cellClass}>
                  {toggle(user, setting)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
