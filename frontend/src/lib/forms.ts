import type { FieldPath, FieldValues, UseFormSetError } from "react-hook-form";
import { ApiError, describeError } from "./api/errors";
import { toast } from "./toast";

/** The backend may name a field plainly ("email") or by location ("body.email"). */
function fieldName(path: string): string {
  const segments = path.split(".");
  return segments[segments.length - 1] ?? path;
}

/**
 * The backend phrases field messages to follow the field's name ("is incorrect"); shown on their
 * own under an input they need that name in front. Complete sentences are left as they are.
 */
export function fieldMessage(field: string, message: string): string {
  if (!/^[a-z]/.test(message)) return message;
  const name = fieldName(field).replaceAll("_", " ");
  return `${name.charAt(0).toUpperCase()}${name.slice(1)} ${message}.`.replace(/\.\.$/, ".");
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
    const name = formFields.find((candidate) => candidate === fieldName(field));
    if (name === undefined) {
      unmatched.push(fieldMessage(field, message));
      continue;
    }
    setError(name, { type: "server", message: fieldMessage(field, message) }, { shouldFocus: !focused });
    focused = true;
  }
  if (!focused) toast.error(error.message);
  else if (unmatched.length > 0) toast.error(unmatched.join(" "));
}
