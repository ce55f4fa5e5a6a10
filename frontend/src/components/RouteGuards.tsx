import { Navigate, Outlet, useLocation } from "react-router";
import { useCurrentUser } from "../hooks/useCurrentUser";
import { useHasSession } from "../hooks/useSession";
import type { LoginLocationState } from "../lib/locationState";
import { PageLoader } from "./Spinner";

const HOME = "/dashboard";

/** Pages behind sign-in: without a session, go to the login page and come back afterwards. */
export function RequireAuth() {
  const hasSession = useHasSession();
  const location = useLocation();
  if (!hasSession) {
    const state: LoginLocationState = { from: `${location.pathname}${location.search}${location.hash}` };
    return <Navigate to="/login" replace state={state} />;
  }
  return <Outlet />;
}

/** Login and registration make no sense while signed in: continue where the user was headed. */
export function GuestOnly() {
  const hasSession = useHasSession();
  const location = useLocation();
  if (hasSession) {
    const from = (location.state as LoginLocationState | null)?.from;
    return <Navigate to={from?.startsWith("/") && !from.startsWith("//") ? from : HOME} replace />;
  }
  return <Outlet />;
}

/** Admin pages: the role comes from the backend's user record, never inferred. */
export function RequireAdmin() {
  const { data: user, isPending } = useCurrentUser();
  if (isPending) return <PageLoader />;
  if (!user?.is_admin) return <Navigate to={HOME} replace />;
  return <Outlet />;
}
