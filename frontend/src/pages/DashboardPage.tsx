import { FxNotice } from "../components/FxNotice";
import { usePageTitle } from "../hooks/usePageTitle";
import { Highlights } from "./dashboard/Highlights";
import { LibraryStats } from "./dashboard/LibraryStats";
import { RecentRuns } from "./dashboard/RecentRuns";
import { SetupSteps } from "./dashboard/SetupSteps";

export default function DashboardPage() {
  usePageTitle("Dashboard");
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold text-slate-900">Dashboard</h1>
      <FxNotice />
      <SetupSteps />
      <LibraryStats />
      <Highlights />
      <RecentRuns />
    </div>
  );
}
