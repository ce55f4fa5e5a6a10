import { useEffect } from "react";

/** Sets the document title, which is what screen readers announce after navigation. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · VinylDigger`;
  }, [title]);
}
