/**
 * The content script on Discogs pages. It acts only when the popup asks: it reads the link
 * targets of the page (and, for a scan, of the next Shop my wants pages, fetched like the
 * browser would show them) and hands the ids to the background worker. It never reads or
 * sends cookies, page text or markup.
 */
import { harvestDocument } from "./harvest";
import { PROGRESS_KEY, STOP_KEY, type HarvestReply, type ImportReply, type Message, type ScanReply } from "./messages";
import { scanWants, shopMyWantsUrl, type FetchedPage, type ScanDeps } from "./scan";
import { isDiscogsPage, loadSettings } from "./settings";

const MAX_PAGES = 200;
let scanning = false;

// Firefox gives content scripts the page's own fetch as `content.fetch`; Chrome's fetch in a
// content script already is the page's.
function pageFetch(url: string, init: RequestInit): Promise<Response> {
  const page = (globalThis as { content?: { fetch: typeof fetch } }).content;
  return page ? page.fetch(url, init) : fetch(url, init);
}

async function fetchPage(url: string): Promise<FetchedPage> {
  // Same-origin, as the browser loads the page itself when the user clicks "Next".
  const response = await pageFetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`Discogs answered ${String(response.status)} for a page of Shop my wants.`);
  const doc = new DOMParser().parseFromString(await response.text(), "text/html");
  return { doc, url: response.url || url };
}

async function send(harvest: Parameters<ScanDeps["send"]>[0]): Promise<{ importIds: number[] }> {
  const message: Message = { kind: "import", harvest };
  const reply = await chrome.runtime.sendMessage<Message, ImportReply>(message);
  if (!reply.ok) throw new Error(reply.error);
  return { importIds: reply.importIds };
}

async function shouldStop(): Promise<boolean> {
  const stored = await chrome.storage.local.get(STOP_KEY);
  return stored[STOP_KEY] === true;
}

function waitUnlessStopped(ms: number): Promise<void> {
  return new Promise((done) => {
    const timer = setTimeout(finish, ms);
    function finish() {
      clearTimeout(timer);
      chrome.storage.onChanged.removeListener(onChange);
      done();
    }
    function onChange(changes: Record<string, chrome.storage.StorageChange>) {
      if (changes[STOP_KEY]?.newValue === true) finish();
    }
    chrome.storage.onChanged.addListener(onChange);
  });
}

async function startScan(): Promise<ScanReply> {
  if (scanning) return { ok: false, error: "A scan is already running in this tab." };
  const settings = await loadSettings();
  scanning = true;
  await chrome.storage.local.set({ [STOP_KEY]: false });
  const deps: ScanDeps = {
    fetchPage,
    send,
    wait: waitUnlessStopped,
    shouldStop,
    report: (progress) => chrome.storage.local.set({ [PROGRESS_KEY]: progress }),
  };
  void scanWants(shopMyWantsUrl(settings.discogsBaseUrl), deps, {
    intervalMs: settings.pageDelaySeconds * 1000,
    maxPages: MAX_PAGES,
  }).finally(() => {
    scanning = false;
  });
  return { ok: true };
}

async function answer(message: Message): Promise<HarvestReply | ScanReply> {
  const settings = await loadSettings();
  if (!isDiscogsPage(location.href, settings.discogsBaseUrl)) {
    return { ok: false, error: "This tab is not a Discogs page." };
  }
  if (message.kind === "harvest") return { ok: true, harvest: harvestDocument(document, location.href) };
  return startScan();
}

chrome.runtime.onMessage.addListener((message: Message, sender, reply: (answer: HarvestReply | ScanReply) => void) => {
  if (sender.id !== chrome.runtime.id || (message.kind !== "harvest" && message.kind !== "scan")) return false;
  void answer(message).then(reply);
  return true;
});
