export interface NavItem {
  to: string;
  label: string;
  adminOnly?: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { to: "/dashboard", label: "Dashboard" },
  { to: "/wants", label: "Want list" },
  { to: "/collection", label: "Collection" },
  { to: "/searches", label: "Searches" },
  { to: "/sellers", label: "Sellers" },
  { to: "/basket", label: "Basket" },
  { to: "/runs", label: "Runs" },
  { to: "/settings", label: "Settings" },
  { to: "/admin", label: "Admin", adminOnly: true },
];
