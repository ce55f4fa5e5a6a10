import { Suspense, useEffect, useRef, useState, type KeyboardEvent } from "react";
import { Link, NavLink, Outlet, useLocation } from "react-router";
import { useCurrentUser } from "../hooks/useCurrentUser";
import { NAV_ITEMS } from "./navigation";
import { NotificationBell } from "./NotificationBell";
import { PageLoader } from "./Spinner";

function navLinkClass({ isActive }: { isActive: boolean }): string {
  const base = "block rounded-md px-3 py-2 text-sm font-medium";
  return isActive ? `${base} bg-indigo-900 text-white` : `${base} text-indigo-100 hover:bg-indigo-800 hover:text-white`;
}

/** The signed-in frame: header, navigation (a toggled menu on small screens) and the page. */
export function AppShell() {
  const { data: user } = useCurrentUser();
  const location = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const [previousPath, setPreviousPath] = useState(location.pathname);
  const mainRef = useRef<HTMLElement>(null);
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const isFirstRender = useRef(true);

  // Closing the menu on navigation is derived from the path change during render.
  if (previousPath !== location.pathname) {
    setPreviousPath(location.pathname);
    setMenuOpen(false);
  }

  // After client-side navigation, move focus to the new content so keyboard and screen reader
  // users start there instead of on the link they just used.
  useEffect(() => {
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    const main = mainRef.current;
    // A page that already placed focus inside itself (e.g. on an anchored section) keeps it.
    if (main && !main.contains(document.activeElement)) main.focus();
  }, [location.pathname]);

  function closeMenuOnEscape(event: KeyboardEvent<HTMLElement>) {
    if (event.key !== "Escape" || !menuOpen) return;
    setMenuOpen(false);
    menuButtonRef.current?.focus();
  }

  const items = NAV_ITEMS.filter((item) => !item.adminOnly || user?.is_admin === true);

  return (
    <div className="min-h-screen md:flex">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-4 py-2 font-semibold text-indigo-900 focus:not-sr-only focus:absolute focus:left-2 focus:top-2"
      >
        Skip to content
      </a>
      <header onKeyDown={closeMenuOnEscape} className="bg-indigo-950 text-white md:sticky md:top-0 md:flex md:h-screen md:w-60 md:shrink-0 md:flex-col md:overflow-y-auto">
        <div className="flex items-center justify-between px-4 py-3 md:py-5">
          <Link to="/dashboard" className="text-lg font-bold tracking-tight">
            <span aria-hidden="true">◉ </span>VinylDigger
          </Link>
          <span className="ml-auto mr-2 md:mr-0">
            <NotificationBell />
          </span>
          <button
            ref={menuButtonRef}
            type="button"
            className="rounded-md px-3 py-2 text-sm font-semibold ring-1 ring-indigo-300 md:hidden"
            aria-expanded={menuOpen}
            aria-controls="primary-navigation"
            onClick={() => { setMenuOpen((open) => !open); }}
          >
            {menuOpen ? "Close menu" : "Menu"}
          </button>
        </div>
        <nav
          id="primary-navigation"
          aria-label="Primary"
          className={`${menuOpen ? "block" : "hidden"} px-2 pb-3 md:block md:flex-1 md:pb-0`}
        >
          <ul className="flex flex-col gap-1">
            {items.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} className={navLinkClass}>
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className={`${menuOpen ? "block" : "hidden"} border-t border-indigo-800 px-4 py-3 text-sm md:block`}>
          <p className="truncate text-indigo-200" title={user?.email}>
            {user?.email ?? "\u00a0"}
          </p>
          <Link to="/logout" className="mt-1 inline-block font-semibold text-white underline underline-offset-2">
            Sign out
          </Link>
        </div>
      </header>
      <main id="main" ref={mainRef} tabIndex={-1} className="min-w-0 flex-1 px-3 py-5 outline-none sm:px-8 md:py-10">
        {/* Lists and tables use the screen's width (up to 100rem); text-only pages set their own
            narrower measure. */}
        <div className="mx-auto max-w-[100rem]">
          <Suspense fallback={<PageLoader />}>
            <Outlet />
          </Suspense>
        </div>
      </main>
    </div>
  );
}
