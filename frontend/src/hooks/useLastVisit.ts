import { useEffect, useState } from "react";

const STORAGE_KEY = "vinyldigger.dashboard.lastVisit";

/**
 * When the user last opened the dashboard (null on the first visit), read once; this visit
 * is recorded for the next one.
 */
export function useLastVisit(): string | null {
  const [previous] = useState<string | null>(() => window.localStorage.getItem(STORAGE_KEY));
  useEffect(() => {
    window.localStorage.setItem(STORAGE_KEY, new Date().toISOString());
  }, []);
  return previous;
}
