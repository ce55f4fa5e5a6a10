/** Messages between the popup, the content script and the background worker. */
import type { Harvest } from "./harvest";

export type Message =
  | { kind: "harvest" }
  | { kind: "scan" }
  | { kind: "import"; harvest: Harvest };

export type ImportReply = { ok: true; importIds: number[]; listings: number } | { ok: false; error: string };

export type HarvestReply = { ok: true; harvest: Harvest } | { ok: false; error: string };

export type ScanReply = { ok: true } | { ok: false; error: string };

export const PROGRESS_KEY = "scanProgress";
export const STOP_KEY = "scanStop";
