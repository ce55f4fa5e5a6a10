import { PageLoader } from "../components/Spinner";
import { useCurrentUser } from "../hooks/useCurrentUser";
import { usePageTitle } from "../hooks/usePageTitle";
import { CompanionSection } from "./settings/CompanionSection";
import { AlertsSection } from "./settings/AlertsSection";
import { CredentialsSection } from "./settings/CredentialsSection";
import { PasswordForm } from "./settings/PasswordForm";
import { ProfileForm } from "./settings/ProfileForm";
import { SessionsPanel } from "./settings/SessionsPanel";

const panel = "rounded-lg border border-slate-200 bg-white p-5 sm:p-6";

export default function SettingsPage() {
  usePageTitle("Settings");
  const { data: user } = useCurrentUser();

  return (
    <div className="flex max-w-6xl flex-col gap-8">
      <h1 className="text-2xl font-bold text-slate-900">Settings</h1>
      {user ? (
        <div className="grid gap-6 lg:grid-cols-2">
          <div className={panel}>
            {/* Keyed by the saved values so the form starts over from what the server holds. */}
            <ProfileForm key={`${user.email}|${user.currency}`} user={user} />
          </div>
          <div className={`${panel} flex flex-col gap-8`}>
            <PasswordForm />
            <SessionsPanel />
          </div>
        </div>
      ) : (
        <PageLoader label="Loading your profile…" />
      )}
      <CredentialsSection />
      <CompanionSection />
      <AlertsSection />
    </div>
  );
}
