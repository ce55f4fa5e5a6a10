import { describe, expect, it } from "vitest";
import { harvestDocument, harvestLinks, nextPageUrl } from "../src/harvest";
import { discogsComPage, sandboxPage } from "./pages";

function parse(html: string): Document {
  return new DOMParser().parseFromString(html, "text/html");
}

describe("harvesting by link targets", () => {
  it("reads listing and release ids from the sandbox's Shop my wants", () => {
    const url = "http://127.0.0.1:8765/discogs-web/sell/mywants?limit=250";
    const doc = parse(sandboxPage("/discogs-web", 1, 2, [[101, 7], [102, 7], [103, 9]]));
    expect(harvestDocument(doc, url)).toEqual({ listingIds: [101, 102, 103], releaseIds: [7, 9] });
  });

  it("reads discogs.com's links whatever their classes, each id once, and only its own site", () => {
    const doc = parse(discogsComPage);
    const harvest = harvestDocument(doc, "https://www.discogs.com/sell/mywants");
    expect(harvest).toEqual({ listingIds: [3012345678, 2998877665], releaseIds: [1096478, 1004829] });
  });

  it("ignores the cart, feedback, master, other sites and malformed links", () => {
    const page = "https://www.discogs.com/sell/mywants";
    const hrefs = [
      "/sell/cart/?add=55",
      "/sell/seller_feedback/shop",
      "/master/4178-Can",
      "https://evil.example/sell/item/66",
      "javascript:alert(1)",
      "http://[bad",
      "/sell/item/0",
      "/sell/item/99999999999999999999",
      "/sell/item/12abc",
      "/sell/item/77/edit",
    ];
    expect(harvestLinks(hrefs, page)).toEqual({ listingIds: [], releaseIds: [] });
  });

  it("finds the next page by its ?page= number, not by its class", () => {
    const discogs = parse(discogsComPage);
    expect(nextPageUrl(discogs, "https://www.discogs.com/sell/mywants")).toBe("https://www.discogs.com/sell/mywants?page=2");
    expect(nextPageUrl(discogs, "https://www.discogs.com/sell/mywants?page=2")).toBe("https://www.discogs.com/sell/mywants?page=3");
    expect(nextPageUrl(discogs, "https://www.discogs.com/sell/mywants?page=3")).toBeNull();
    const last = parse(sandboxPage("/discogs-web", 2, 2, [[1, 1]]));
    expect(nextPageUrl(last, "http://127.0.0.1:8765/discogs-web/sell/mywants?page=2&limit=250")).toBeNull();
  });
});
