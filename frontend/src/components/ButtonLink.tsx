import { Link, type LinkProps } from "react-router";

const VARIANT_CLASSES = {
  primary: "bg-indigo-700 text-white hover:bg-indigo-800",
  secondary: "border border-slate-300 bg-white text-slate-900 hover:bg-slate-100",
} as const;

/** A link that leads somewhere else, styled like a button for the main action of a page. */
export function ButtonLink({ variant = "primary", className = "", ...props }: LinkProps & { variant?: keyof typeof VARIANT_CLASSES }) {
  return (
    <Link
      className={`inline-flex min-h-10 items-center justify-center rounded-md px-4 py-2 text-sm font-semibold ${VARIANT_CLASSES[variant]} ${className}`}
      {...props}
    />
  );
}
