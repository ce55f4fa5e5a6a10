import { describe, expect, it } from "vitest";
import { DEFAULTS, isDiscogsPage, validate } from "../src/settings";

describe("options", () => {
  it("normalises addresses and checks every field", () => {
    const { settings, errors } = validate({
      vinyldiggerUrl: " http://127.0.0.1:8000/ ",
      importToken: " vdi_abcdefghijklmnopqrstuvwxyz ",
      discogsBaseUrl: "http://127.0.0.1:8765/discogs-web/",
      pageDelaySeconds: 4,
    });
    expect(errors).toEqual({});
    expect(settings.vinyldiggerUrl).toBe("http://127.0.0.1:8000");
    expect(settings.discogsBaseUrl).toBe("http://127.0.0.1:8765/discogs-web");
    const bad = validate({ vinyldiggerUrl: "ftp://x", importToken: "eyJhbGciOi", discogsBaseUrl: "nope", pageDelaySeconds: 0 });
    expect(Object.keys(bad.errors).sort()).toEqual(["discogsBaseUrl", "importToken", "pageDelaySeconds", "vinyldiggerUrl"]);
  });

  it("serves only pages under the configured Discogs address", () => {
    const sandbox = "http://127.0.0.1:8765/discogs-web";
    expect(isDiscogsPage("http://127.0.0.1:8765/discogs-web/sell/mywants?page=2", sandbox)).toBe(true);
    expect(isDiscogsPage("http://127.0.0.1:8765/discogs-webby/x", sandbox)).toBe(false);
    expect(isDiscogsPage("http://127.0.0.1:8000/results", sandbox)).toBe(false);
    expect(isDiscogsPage("https://www.discogs.com/sell/mywants", DEFAULTS.discogsBaseUrl)).toBe(true);
    expect(isDiscogsPage("https://discogs.com.evil.example/", DEFAULTS.discogsBaseUrl)).toBe(false);
  });
});
