import { useFxStatus } from "../hooks/useFxStatus";
import { fxNoticeText } from "../lib/fxText";

/**
 * A one-line warning above converted figures when the exchange rates behind them are stale or
 * missing; nothing at all while they are current (or while the status is loading).
 */
export function FxNotice() {
  const { data } = useFxStatus();
  const text = data ? fxNoticeText(data) : null;
  if (text === null) return null;
  return (
    <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900">
      {text}
    </p>
  );
}
