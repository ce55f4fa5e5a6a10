import { api } from "../lib/api/client";
import type { components } from "../lib/api/schema";
import { unwrap } from "../lib/api/unwrap";

export type FxStatus = components["schemas"]["FxStatusOut"];

/** How current the exchange rates behind every converted figure are. */
export function getFxStatus(): Promise<FxStatus> {
  return unwrap(api.GET("/api/v1/fx/status"));
}
