/** The companion's options, kept in the extension's own storage. */

export interface CompanionSettings {
  /** Where the user's VinylDigger answers, e.g. http://127.0.0.1:8000. */
  vinyldiggerUrl: string;
  /** An import token from VinylDigger's Settings page: it can send listing ids, nothing else. */
  importToken: string;
  /** The Discogs site the content script serves: discogs.com, or the sandbox's web pages. */
  discogsBaseUrl: string;
  /** Seconds between two pages of a scan. */
  pageDelaySeconds: number;
}

export const DEFAULTS: CompanionSettings = {
  vinyldiggerUrl: "",
  importToken: "",
  discogsBaseUrl: "https://www.discogs.com",
  pageDelaySeconds: 4,
};

// A few seconds between pages is a person reading; less is only for tests against the sandbox.
export const MIN_DELAY_SECONDS = 0.2;
export const MAX_DELAY_SECONDS = 60;

export function withoutTrailingSlash(url: string): string {
  return url.trim().replace(/\/+$/, "");
}

/** Checks and normalises what the options page saves; returns an error message per field. */
export function validate(input: CompanionSettings): { settings: CompanionSettings; errors: Partial<Record<keyof CompanionSettings, string>> } {
  const errors: Partial<Record<keyof CompanionSettings, string>> = {};
  const settings: CompanionSettings = {
    vinyldiggerUrl: withoutTrailingSlash(input.vinyldiggerUrl),
    importToken: input.importToken.trim(),
    discogsBaseUrl: withoutTrailingSlash(input.discogsBaseUrl) || DEFAULTS.discogsBaseUrl,
    pageDelaySeconds: input.pageDelaySeconds,
  };
  for (const key of ["vinyldiggerUrl", "discogsBaseUrl"] as const) {
    try {
      const url = new URL(settings[key]);
      if (url.protocol !== "https:" && url.protocol !== "http:") errors[key] = "Use an http(s) address.";
    } catch {
      errors[key] = "Enter a full address, such as https://example.com.";
    }
  }
  if (!/^vdi_[A-Za-z0-9_-]{20,}$/.test(settings.importToken)) {
    errors.importToken = "Paste the import token created in VinylDigger's Settings (it starts with vdi_).";
  }
  if (!(settings.pageDelaySeconds >= MIN_DELAY_SECONDS && settings.pageDelaySeconds <= MAX_DELAY_SECONDS)) {
    errors.pageDelaySeconds = `Between ${String(MIN_DELAY_SECONDS)} and ${String(MAX_DELAY_SECONDS)} seconds.`;
  }
  return { settings, errors };
}

export async function loadSettings(): Promise<CompanionSettings> {
  const stored = await chrome.storage.local.get<{ settings?: Partial<CompanionSettings> }>("settings");
  return { ...DEFAULTS, ...stored.settings };
}

export async function saveSettings(settings: CompanionSettings): Promise<void> {
  await chrome.storage.local.set({ settings });
}

/** Whether a page address is under the configured Discogs base (origin and path prefix). */
export function isDiscogsPage(pageUrl: string, discogsBaseUrl: string): boolean {
  try {
    const page = new URL(pageUrl);
    const base = new URL(withoutTrailingSlash(discogsBaseUrl));
    const prefix = base.pathname.replace(/\/+$/, "");
    return page.origin === base.origin && (prefix === "" || page.pathname === prefix || page.pathname.startsWith(`${prefix}/`));
  } catch {
    return false;
  }
}
