/** What pages pass to the login page through router state. */
export interface LoginLocationState {
  /** Where to continue after signing in. */
  from?: string;
  /** A message to show above the form, e.g. after signing out. */
  notice?: string;
}
