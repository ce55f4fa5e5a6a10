import { lazy, Suspense, type ComponentType, type ReactNode } from "react";
import { Navigate, type RouteObject } from "react-router";
import { AppShell } from "./components/AppShell";
import { GuestOnly, RequireAdmin, RequireAuth } from "./components/RouteGuards";
import { PageLoader } from "./components/Spinner";

// Every page is its own chunk so the first load carries only the shell; heavy pages (charts,
// tables) added later do not grow it.
const LoginPage = lazy(() => import("./pages/LoginPage"));
const RegisterPage = lazy(() => import("./pages/RegisterPage"));
const LogoutPage = lazy(() => import("./pages/LogoutPage"));
const SettingsPage = lazy(() => import("./pages/SettingsPage"));
const WantListPage = lazy(() => import("./pages/WantListPage"));
const CollectionPage = lazy(() => import("./pages/CollectionPage"));
const RunsPage = lazy(() => import("./pages/RunsPage"));
const SearchesPage = lazy(() => import("./pages/SearchesPage"));
const SearchEditorPage = lazy(() => import("./pages/SearchEditorPage"));
const SearchResultsPage = lazy(() => import("./pages/SearchResultsPage"));
const ReleasePage = lazy(() => import("./pages/ReleasePage"));
const SellersPage = lazy(() => import("./pages/SellersPage"));
const BasketPage = lazy(() => import("./pages/BasketPage"));
const BasketChecklistPage = lazy(() => import("./pages/BasketChecklistPage"));
const DashboardPage = lazy(() => import("./pages/DashboardPage"));
const NotificationsPage = lazy(() => import("./pages/NotificationsPage"));
const UnsubscribePage = lazy(() => import("./pages/UnsubscribePage"));

function placeholder(name: keyof typeof import("./pages/placeholders")) {
  return lazy(async () => {
    const module = await import("./pages/placeholders");
    return { default: module[name] as ComponentType };
  });
}

const AdminPage = lazy(() => import("./pages/AdminPage"));
const NotFoundPage = placeholder("NotFoundPage");

function standalone(page: ReactNode): ReactNode {
  return <Suspense fallback={<PageLoader />}>{page}</Suspense>;
}

export const routes: RouteObject[] = [
  {
    element: <GuestOnly />,
    children: [
      { path: "/login", element: standalone(<LoginPage />) },
      { path: "/register", element: standalone(<RegisterPage />) },
    ],
  },
  { path: "/logout", element: standalone(<LogoutPage />) },
  // Opened from an e-mail's link, signed in or not.
  { path: "/unsubscribe", element: standalone(<UnsubscribePage />) },
  {
    element: <RequireAuth />,
    children: [
      // Printed on its own, without the app's navigation.
      { path: "/basket/plans/:planId/print", element: standalone(<BasketChecklistPage />) },
      {
        element: <AppShell />,
        children: [
          { index: true, element: <Navigate to="/dashboard" replace /> },
          { path: "/dashboard", element: <DashboardPage /> },
          { path: "/wants", element: <WantListPage /> },
          { path: "/collection", element: <CollectionPage /> },
          { path: "/searches", element: <SearchesPage /> },
          { path: "/searches/new", element: <SearchEditorPage /> },
          { path: "/searches/:searchId", element: <SearchEditorPage /> },
          { path: "/searches/:searchId/results", element: <SearchResultsPage /> },
          { path: "/releases/:releaseId", element: <ReleasePage /> },
          { path: "/sellers", element: <SellersPage /> },
          { path: "/basket", element: <BasketPage /> },
          { path: "/runs", element: <RunsPage /> },
          { path: "/notifications", element: <NotificationsPage /> },
          { path: "/settings", element: <SettingsPage /> },
          { element: <RequireAdmin />, children: [{ path: "/admin", element: <AdminPage /> }] },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
