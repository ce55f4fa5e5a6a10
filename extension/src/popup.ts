/** The popup: "Send this page", "Scan my wants" with its progress, and a stop button. */
import type { HarvestReply, ImportReply, Message, ScanReply } from "./messages";
import { PROGRESS_KEY, STOP_KEY } from "./messages";
import type { ScanProgress } from "./scan";
import { isDiscogsPage, loadSettings } from "./settings";

function element(id: string): HTMLElement {
  const found = document.getElementById(id);
  if (!found) throw new Error(`#${id} is missing from the popup`);
  return found;
}

const status = element("status");
const progressText = element("progress");
const sendButton = element("send-page") as HTMLButtonElement;
const scanButton = element("scan") as HTMLButtonElement;
const stopButton = element("stop") as HTMLButtonElement;

function say(text: string) {
  status.textContent = text;
}

/** The Discogs tab to work in: the active tab when it is one, else the most recent one open. */
async function discogsTab(): Promise<chrome.tabs.Tab | null> {
  const { discogsBaseUrl } = await loadSettings();
  const [active] = await chrome.tabs.query({ active: true, currentWindow: true });
  if (active?.url && isDiscogsPage(active.url, discogsBaseUrl)) return active;
  const tabs = await chrome.tabs.query({});
  const open = tabs.filter((tab) => tab.url && isDiscogsPage(tab.url, discogsBaseUrl));
  open.sort((a, b) => b.lastAccessed - a.lastAccessed);
  return open[0] ?? null;
}

async function ask<T>(message: Message): Promise<T | { ok: false; error: string }> {
  const tab = await discogsTab();
  if (tab?.id === undefined) return { ok: false, error: "Open a Discogs page in a tab first." };
  try {
    return await chrome.tabs.sendMessage<Message, T>(tab.id, message);
  } catch {
    return { ok: false, error: "Reload the Discogs tab, then try again." };
  }
}

async function sendThisPage() {
  say("Reading the page's links…");
  const harvested = await ask<HarvestReply>({ kind: "harvest" });
  if (!harvested.ok) {
    say(harvested.error);
    return;
  }
  const { harvest } = harvested;
  if (harvest.listingIds.length === 0) {
    say("No listings on this page.");
    return;
  }
  const sent = await chrome.runtime.sendMessage<Message, ImportReply>({ kind: "import", harvest });
  say(sent.ok ? `Sent ${String(sent.listings)} listings to VinylDigger.` : sent.error);
}

function showProgress(progress: ScanProgress | undefined) {
  if (!progress) return;
  const counts = `${String(progress.pages)} pages, ${String(progress.listings)} listings sent`;
  const text: Record<ScanProgress["state"], string> = {
    running: `Scanning Shop my wants: ${counts}…`,
    done: `Scan finished: ${counts}.`,
    stopped: `Scan stopped: ${counts}.`,
    failed: `Scan failed after ${counts}: ${progress.error ?? "unknown error"}`,
  };
  progressText.textContent = text[progress.state];
  stopButton.hidden = progress.state !== "running";
  scanButton.disabled = progress.state === "running";
}

async function scan() {
  say("");
  const started = await ask<ScanReply>({ kind: "scan" });
  if (!started.ok) say(started.error);
}

sendButton.addEventListener("click", () => void sendThisPage());
scanButton.addEventListener("click", () => void scan());
stopButton.addEventListener("click", () => void chrome.storage.local.set({ [STOP_KEY]: true }));
chrome.storage.onChanged.addListener((changes) => {
  const change = changes[PROGRESS_KEY];
  if (change) showProgress(change.newValue as ScanProgress | undefined);
});
void chrome.storage.local.get(PROGRESS_KEY).then((stored) => { showProgress(stored[PROGRESS_KEY] as ScanProgress | undefined); });
void loadSettings().then((settings) => {
  if (!settings.importToken) say("Set VinylDigger's address and an import token in the options first.");
});
