import { Link, type LinkProps } from "react-router";

export function TextLink({ className = "", ...props }: LinkProps) {
  return <Link className={`font-semibold text-indigo-800 underline underline-offset-2 hover:text-indigo-950 ${className}`} {...props} />;
}
