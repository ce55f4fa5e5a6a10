/** The background worker: the only part that talks to VinylDigger. */
import { sendImport } from "./api";
import type { ImportReply, Message } from "./messages";
import { loadSettings } from "./settings";

async function handleImport(message: Extract<Message, { kind: "import" }>): Promise<ImportReply> {
  try {
    const sent = await sendImport(await loadSettings(), message.harvest);
    return { ok: true, ...sent };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

chrome.runtime.onMessage.addListener((message: Message, sender, reply: (answer: ImportReply) => void) => {
  // Only this extension's own pages and content scripts send messages here.
  if (sender.id !== chrome.runtime.id || message.kind !== "import") return false;
  void handleImport(message).then(reply);
  return true;
});
