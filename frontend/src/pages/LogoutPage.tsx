import { useEffect, useState } from "react";
import { Navigate } from "react-router";
import { PageLoader } from "../components/Spinner";
import { usePageTitle } from "../hooks/usePageTitle";
import { logout } from "../services/auth";
import type { LoginLocationState } from "../lib/locationState";

const signedOutState: LoginLocationState = { notice: "You have been signed out." };

export default function LogoutPage() {
  usePageTitle("Signing out");
  const [done, setDone] = useState(false);

  useEffect(() => {
    let active = true;
    void logout().then(() => {
      if (active) setDone(true);
    });
    return () => {
      active = false;
    };
  }, []);

  if (done) return <Navigate to="/login" replace state={signedOutState} />;
  return <PageLoader label="Signing out…" />;
}
