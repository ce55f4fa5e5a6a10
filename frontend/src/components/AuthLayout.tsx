import type { ReactNode } from "react";
import { usePageTitle } from "../hooks/usePageTitle";

/** The frame for the signed-out pages: brand, one card, and the page's form inside it. */
export function AuthLayout({ title, children, footer }: { title: string; children: ReactNode; footer: ReactNode }) {
  usePageTitle(title);
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <p className="mb-6 text-2xl font-bold tracking-tight text-indigo-950">
        <span aria-hidden="true">◉ </span>VinylDigger
      </p>
      <main className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <h1 className="mb-6 text-xl font-semibold text-slate-900">{title}</h1>
        {children}
      </main>
      <div className="mt-6 text-sm text-slate-700">{footer}</div>
    </div>
  );
}
