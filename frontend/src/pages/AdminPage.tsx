import { useState } from "react";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { EmptyState } from "../components/EmptyState";
import { Pagination } from "../components/Pagination";
import { SearchBox } from "../components/SearchBox";
import { useAdminUsers, useUpdateUser } from "../hooks/useAdmin";
import { useCurrentUser } from "../hooks/useCurrentUser";
import { useListParams } from "../hooks/useListParams";
import { usePageTitle } from "../hooks/usePageTitle";
import { describeError } from "../lib/api/errors";
import { toast } from "../lib/toast";
import type { AdminUser } from "../services/admin";
import { changeDoneText, confirmationFor, type AccessSetting } from "./admin/adminText";
import { InstancePanel } from "./admin/InstancePanel";
import { MailServerPanel } from "./admin/MailServerPanel";
import { UserList } from "./admin/UserList";

const PER_PAGE = 25;
// Accounts come in one order (oldest first); only the search text and page vary.
const LIST_OPTIONS = { sorts: ["id"] as const, defaultSort: "id" as const, firstOrder: { id: "asc" as const } };

interface PendingChange {
  user: AdminUser;
  setting: AccessSetting;
}

export default function AdminPage() {
  usePageTitle("Admin");
  const { params, setQuery, hrefForPage } = useListParams(LIST_OPTIONS);
  const users = useAdminUsers({ q: params.q, page: params.page, perPage: PER_PAGE });
  const me = useCurrentUser();
  const update = useUpdateUser();
  const [confirming, setConfirming] = useState<PendingChange | null>(null);
  const data = users.data;

  async function apply({ user, setting }: PendingChange) {
    try {
      const updated = await update.mutateAsync({ user, change: { [setting]: !user[setting] } });
      toast.success(changeDoneText(setting, updated));
    } catch (error) {
      toast.error(describeError(error));
    } finally {
      setConfirming(null);
    }
  }

  function requestToggle(user: AdminUser, setting: AccessSetting) {
    // Taking access away asks first; giving it back happens at once.
    if (user[setting]) setConfirming({ user, setting });
    else void apply({ user, setting });
  }

  const confirmation = confirming && confirmationFor(confirming.setting, confirming.user);

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Admin</h1>
        <p className="mt-1 text-slate-700">The accounts on this instance and how it is set up.</p>
      </div>
      <section aria-labelledby="admin-accounts-heading" className="flex flex-col gap-4">
        <h2 id="admin-accounts-heading" className="text-lg font-semibold text-slate-900">
          Accounts
        </h2>
        <SearchBox label="Search accounts" value={params.q} onSearch={setQuery} placeholder="E-mail address" />
        {users.isError && data === undefined ? (
          <p className="text-sm text-slate-700">
            Could not load the accounts.{" "}
            <button type="button" className="font-semibold text-indigo-800 underline" onClick={() => void users.refetch()}>
              Try again
            </button>
          </p>
        ) : data?.total === 0 ? (
          <EmptyState
            title={params.q ? `No accounts match “${params.q}”` : "No accounts yet"}
            action={
              params.q ? (
                <button type="button" className="text-sm font-semibold text-indigo-800 underline" onClick={() => { setQuery(""); }}>
                  Clear the search
                </button>
              ) : undefined
            }
          />
        ) : (
          <>
            <UserList
              users={data?.items}
              currentUserId={me.data?.id}
              pendingUserId={update.isPending ? update.variables.user.id : undefined}
              refreshing={users.isPlaceholderData}
              onToggle={requestToggle}
            />
            {data && (
              <Pagination
                page={data.page}
                pages={data.pages}
                total={data.total}
                perPage={data.per_page}
                hrefFor={hrefForPage}
                noun={data.total === 1 ? "account" : "accounts"}
              />
            )}
          </>
        )}
      </section>
      <InstancePanel />
      <MailServerPanel />
      {confirming && confirmation && (
        <ConfirmDialog
          title={confirmation.title}
          message={confirmation.message}
          confirmLabel={confirmation.confirmLabel}
          busy={update.isPending}
          onConfirm={() => void apply(confirming)}
          onCancel={() => { setConfirming(null); }}
        />
      )}
    </div>
  );
}
