import type { FieldPath, FieldValues, UseFormSetError } from "react-hook-form";
import { ApiError, describeError } from "./api/errors";
import { toast } from "./toast";

/**
 * The backend names a field by where it sits in the request: plainly ("email"), by location
 * ("body.email"), nested ("criteria.ships_to") or down to a list item ("criteria.platforms.0").
 * The location and list indexes say nothing about which input to mark, so they are dropped.
 */
function pathSegments(path: string): string[] {
  return path.split(".").filter((segment) => !["body", "query", "path"].includes(segment) && !/^\d+$/.test(segment));
}

function fieldName(path: string): string {
  const segments = pathSegments(path);
  return segments[segments.length - 1] ?? path;
}

function sentence(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`.replace(/\.\.$/, ".");
}

/**
 * The backend phrases field messages to follow the field's name ("is incorrect"); shown on their
 * own under an input they need that name in front. Complete sentences are left as they are.
 */
export function fieldMessage(field: string, message: string): string {
  if (!/^[a-z]/.test(message)) return message;
  return sentence(`${fieldName(field).replaceAll("_", " ")} ${message}`);
}

/** Which of the form's fields a server field error belongs to, and the message to show there. */
function matchField<T extends FieldValues>(
  field: string,
  message: string,
  formFields: readonly FieldPath<T>[],
): { name: FieldPath<T>; message: string } | undefined {
  const segments = pathSegments(field);
  const byPath = formFields.find((candidate) => candidate === segments.join("."));
  if (byPath !== undefined) return { name: byPath, message: fieldMessage(field, message) };
  // A rule across several fields is reported on their parent, naming the field it blames first
  // ("criteria" with "keywords: give keywords or search the want list").
  const blamed = /^([a-z_]+): (.+)$/.exec(message);
  if (blamed?.[1] !== undefined && blamed[2] !== undefined) {
    const path = [...segments, blamed[1]].join(".");
    const name = formFields.find((candidate) => candidate === path || candidate === blamed[1]);
    if (name !== undefined) return { name, message: sentence(blamed[2]) };
  }
  const byName = formFields.find((candidate) => candidate === fieldName(field));
  return byName === undefined ? undefined : { name: byName, message: fieldMessage(field, message) };
}

/**
 * Shows a failed submission to the user: validation messages the server attached to fields the
 * form has go under those fields (the first one gets focus); everything else becomes a toast.
 */
export function reportSubmitError<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  formFields: readonly FieldPath<T>[],
): void {
  if (!(error instanceof ApiError)) {
    toast.error(describeError(error));
    return;
  }
  let focused = false;
  const unmatched: string[] = [];
  for (const { field, message } of error.fields) {
    const match = matchField(field, message, formFields);
    if (match === undefined) {
      unmatched.push(fieldMessage(field, message));
      continue;
    }
    setError(match.name, { type: "server", message: match.message }, { shouldFocus: !focused });
    focused = true;
  }
  if (!focused) toast.error(error.message);
  else if (unmatched.length > 0) toast.error(unmatched.join(" "));
}
