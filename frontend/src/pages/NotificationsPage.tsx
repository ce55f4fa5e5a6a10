import { useSearchParams } from "react-router";
import { TextLink } from "../components/TextLink";
import { usePageTitle } from "../hooks/usePageTitle";
import { DeliveryLog } from "./notifications/DeliveryLog";
import { NotificationList } from "./notifications/NotificationList";

type View = "all" | "unread" | "log";

const VIEWS: readonly { value: View; label: string }[] = [
  { value: "all", label: "All" },
  { value: "unread", label: "Unread" },
  { value: "log", label: "Delivery log" },
];

export default function NotificationsPage() {
  usePageTitle("Notifications");
  const [searchParams, setSearchParams] = useSearchParams();
  const view: View = VIEWS.find((item) => item.value === searchParams.get("view"))?.value ?? "all";
  const pageParam = Number(searchParams.get("page"));
  const page = Number.isInteger(pageParam) && pageParam > 1 ? pageParam : 1;

  function hrefFor(target: number) {
    const next = new URLSearchParams(searchParams);
    if (target <= 1) next.delete("page");
    else next.set("page", String(target));
    const query = next.toString();
    return { search: query ? `?${query}` : "" };
  }

  return (
    <div className="flex max-w-4xl flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Notifications</h1>
        <p className="mt-1 text-slate-700">
          What your alerts found, and how each one reached you. Choose what to be told and how in{" "}
          <TextLink to="/settings#alerts">Settings</TextLink>.
        </p>
      </div>
      <div role="tablist" aria-label="Show" className="flex gap-2">
        {VIEWS.map((item) => (
          <button
            key={item.value}
            type="button"
            role="tab"
            aria-selected={view === item.value}
            className={`rounded-md px-3 py-1.5 text-sm font-semibold ${view === item.value ? "bg-indigo-700 text-white" : "bg-white text-slate-800 ring-1 ring-slate-300"}`}
            onClick={() => { setSearchParams(item.value === "all" ? {} : { view: item.value }); }}
          >
            {item.label}
          </button>
        ))}
      </div>
      {view === "log" ? (
        <DeliveryLog page={page} hrefFor={hrefFor} />
      ) : (
        <NotificationList page={page} unreadOnly={view === "unread"} />
      )}
    </div>
  );
}
