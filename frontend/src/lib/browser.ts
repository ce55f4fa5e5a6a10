/**
 * Leaving the app for another site (e.g. Discogs' approval page). Kept behind an object so tests
 * can observe the navigation, which jsdom cannot perform.
 */
export const browser = {
  assign(url: string): void {
    window.location.assign(url);
  },
};
