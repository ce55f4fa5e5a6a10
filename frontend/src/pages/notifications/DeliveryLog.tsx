import { useQuery } from "@tanstack/react-query";
import type { To } from "react-router";
import { EmptyState } from "../../components/EmptyState";
import { Pagination } from "../../components/Pagination";
import { formatDateTime } from "../../lib/format";
import { queryKeys } from "../../lib/queryClient";
import { listDeliveries, type Delivery } from "../../services/alerts";

const STATUS_TEXT: Record<string, string> = {
  pending: "Waiting",
  sending: "Sending",
  sent: "Sent",
  failed: "Failed",
};

function channelText(channel: string): string {
  if (channel === "in_app") return "In the app";
  if (channel === "email") return "E-mail";
  return `Push (#${channel.split(":")[1] ?? "?"})`;
}

function when(delivery: Delivery): string {
  if (delivery.sent_at !== null) return formatDateTime(delivery.sent_at);
  return `due ${formatDateTime(delivery.due_at)}`;
}

/** Every delivery of the user's alerts: sent, waiting (digests, retries) or failed with why. */
export function DeliveryLog({ page, hrefFor }: { page: number; hrefFor: (page: number) => To }) {
  const log = useQuery({ queryKey: queryKeys.deliveries(page), queryFn: () => listDeliveries(page) });
  const data = log.data;
  if (data !== undefined && data.total === 0) {
    return <EmptyState title="Nothing delivered yet">Each alert sent, waiting or failed is listed here.</EmptyState>;
  }
  return (
    <section aria-label="Delivery log" className="flex flex-col gap-3">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Deliveries, newest first</caption>
        <thead className="border-b border-slate-300 text-slate-700">
          <tr>
            <th scope="col" className="py-2 pr-3">Alert</th>
            <th scope="col" className="py-2 pr-3">Channel</th>
            <th scope="col" className="py-2 pr-3">Status</th>
            <th scope="col" className="py-2">When</th>
          </tr>
        </thead>
        <tbody>
          {(data?.items ?? []).map((delivery) => (
            <tr key={delivery.id} className="border-b border-slate-100 align-top">
              <td className="py-2 pr-3">{delivery.event_title}</td>
              <td className="py-2 pr-3">{channelText(delivery.channel)}{delivery.digest ? " · digest" : ""}</td>
              <td className="py-2 pr-3">
                {STATUS_TEXT[delivery.status] ?? delivery.status}
                {delivery.error !== null && <p className="text-xs text-red-800">{delivery.error}</p>}
              </td>
              <td className="py-2">{when(delivery)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data !== undefined && (
        <Pagination page={data.page} pages={data.pages} total={data.total} perPage={data.per_page} hrefFor={hrefFor} noun="deliveries" />
      )}
    </section>
  );
}
