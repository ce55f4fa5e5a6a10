import { describe, expect, it } from "vitest";
import { IDS_PER_REQUEST, ImportError, sendImport } from "../src/api";

const settings = { vinyldiggerUrl: "http://127.0.0.1:8000", importToken: "vdi_abcdefghijklmnopqrstuvwxyz" };

function recorder(status = 202) {
  const calls: { url: string; init: RequestInit; body: string }[] = [];
  const fetcher = (url: string, init: RequestInit) => {
    const body = typeof init.body === "string" ? init.body : "";
    calls.push({ url, init, body });
    const ids = (JSON.parse(body) as { listing_ids: number[] }).listing_ids;
    return Promise.resolve(new Response(JSON.stringify({ id: calls.length, listings: ids.length }), { status }));
  };
  return { calls, fetcher: fetcher as unknown as typeof fetch };
}

describe("sending to VinylDigger", () => {
  it("posts only ids with the import token, no cookies, in bounded parts", async () => {
    const { calls, fetcher } = recorder();
    const listingIds = Array.from({ length: IDS_PER_REQUEST + 3 }, (_, i) => i + 1);
    const sent = await sendImport(settings, { listingIds, releaseIds: [7] }, fetcher);
    expect(sent).toEqual({ importIds: [1, 2], listings: IDS_PER_REQUEST + 3 });
    expect(calls.map((c) => c.url)).toEqual(["http://127.0.0.1:8000/api/v1/imports", "http://127.0.0.1:8000/api/v1/imports"]);
    const first = calls[0];
    expect(first?.init.credentials).toBe("omit");
    expect(first?.init.headers).toEqual({ Authorization: `Bearer ${settings.importToken}`, "Content-Type": "application/json" });
    expect(Object.keys(JSON.parse(first?.body ?? "{}") as object)).toEqual(["listing_ids", "release_ids"]);
    expect(JSON.parse(calls[1]?.body ?? "{}")).toEqual({ listing_ids: [IDS_PER_REQUEST + 1, IDS_PER_REQUEST + 2, IDS_PER_REQUEST + 3], release_ids: [] });
  });

  it("explains a refused token", async () => {
    const { fetcher } = recorder(401);
    await expect(sendImport(settings, { listingIds: [1], releaseIds: [] }, fetcher)).rejects.toThrow(ImportError);
  });

  it("asks for the options first", async () => {
    await expect(sendImport({ vinyldiggerUrl: "", importToken: "" }, { listingIds: [1], releaseIds: [] })).rejects.toThrow(/options/);
  });
});
