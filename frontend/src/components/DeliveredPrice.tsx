import { deliveredText, listedText, type Converted } from "../lib/money";

interface Amount {
  amount: string;
  currency: string;
}

interface DeliveredPriceProps {
  item: Converted;
  /** As listed, in the seller's currency; left out where the listed price is shown elsewhere. */
  price?: Amount | null;
  shipping?: Amount | null;
  align?: "left" | "right";
}

/** The price as the seller listed it, and about what it costs delivered in the user's currency. */
export function DeliveredPrice({ item, price = null, shipping = null, align = "left" }: DeliveredPriceProps) {
  const missing = item.converted_total === null;
  return (
    <div className={`text-sm ${align === "right" ? "text-right" : ""}`}>
      {price !== null && <p className="text-slate-700">{listedText(price, shipping)}</p>}
      <p className={missing ? "text-slate-700" : "font-semibold text-slate-900"}>{deliveredText(item)}</p>
    </div>
  );
}
