import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { useEffect, type ReactNode } from "react";
import { Toaster } from "./components/Toaster";
import { onSessionExpired } from "./lib/auth/session";
import { tokenStore } from "./lib/auth/tokenStore";
import { toast } from "./lib/toast";

/** Query cache, toasts, and the reactions to the session ending. */
export function AppProviders({ queryClient, children }: { queryClient: QueryClient; children: ReactNode }) {
  useEffect(() => {
    // Whatever ended the session, nothing cached for the previous user may leak into the next.
    const unsubscribeTokens = tokenStore.subscribe(() => {
      if (!tokenStore.hasSession()) queryClient.clear();
    });
    const unsubscribeExpiry = onSessionExpired(() => {
      toast.info("Your session has expired. Please sign in again.");
    });
    return () => {
      unsubscribeTokens();
      unsubscribeExpiry();
    };
  }, [queryClient]);

  return (
    <QueryClientProvider client={queryClient}>
      {children}
      <Toaster />
    </QueryClientProvider>
  );
}
