import { useCallback, useSyncExternalStore } from "react";

/**
 * Whether a CSS media query matches now, following changes (rotating a phone, resizing a
 * window). Where matchMedia is missing the query counts as matching.
 */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (typeof window.matchMedia !== "function") return () => undefined;
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => { list.removeEventListener("change", onChange); };
    },
    [query],
  );
  const snapshot = () => (typeof window.matchMedia === "function" ? window.matchMedia(query).matches : true);
  return useSyncExternalStore(subscribe, snapshot);
}

/** Screens wide enough for tables; narrower ones get cards. */
export const WIDE_SCREEN = "(min-width: 1024px)";
