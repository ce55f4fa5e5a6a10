import type { AnchorHTMLAttributes } from "react";

/** A link to another site, opened in a new tab without giving that site a handle on this one. */
export function ExternalLink({ children, className = "", ...props }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  return (
    <a
      target="_blank"
      rel="noopener noreferrer"
      className={`font-semibold text-indigo-800 underline underline-offset-2 hover:text-indigo-950 ${className}`}
      {...props}
    >
      {children}
      <span aria-hidden="true"> ↗</span>
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}
