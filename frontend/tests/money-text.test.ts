import { describe, expect, it } from "vitest";
import { sellerRating, shipsFromText } from "../src/lib/marketText";
import { deliveredText, listedText } from "../src/lib/money";

const eur = (amount: string) => ({ amount, currency: "EUR" });
// The delivered line keeps "≈ €27.19" and "+ shipping" together with no-break spaces.
const plain = (text: string) => text.replace(/\u00a0/g, " ");

describe("money text", () => {
  it("says what a listing costs delivered in the user's currency, or why it cannot", () => {
    expect(plain(deliveredText({ converted_total: eur("27.19"), converted_missing: null, shipping_known: true }))).toBe("≈ €27.19 delivered");
    expect(plain(deliveredText({ converted_total: eur("27.19"), converted_missing: null, shipping_known: false }))).toBe("≈ €27.19 + shipping unknown");
    expect(deliveredText({ converted_total: null, converted_missing: { reason: "no_rate", currency: "JPY" }, shipping_known: true })).toBe("No exchange rate for JPY");
  });

  it("shows the price as listed, never unknown shipping as free", () => {
    expect(listedText({ amount: "12.50", currency: "USD" }, { amount: "5.00", currency: "USD" })).toBe("$12.50 + $5.00 shipping");
    expect(listedText({ amount: "12.50", currency: "USD" }, { amount: "0.00", currency: "USD" })).toBe("$12.50, free shipping");
    expect(listedText({ amount: "12.50", currency: "USD" }, null)).toBe("$12.50, shipping unknown");
  });

  it("shows seller ratings as the marketplaces do, and where a record ships from", () => {
    expect(sellerRating("99.80", 1234)).toBe("99.8% · 1,234 ratings");
    expect(sellerRating("100.00", 1)).toBe("100% · 1 rating");
    expect(sellerRating("97.1", null)).toBe("97.1%");
    expect(sellerRating(null, null)).toBeNull();
    expect(shipsFromText("DE")).toBe("Ships from Germany");
    expect(shipsFromText(null)).toBeNull();
  });
});
