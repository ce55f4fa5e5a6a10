import type { components } from "./schema";

type ErrorResponse = components["schemas"]["ErrorResponse"];

export interface FieldError {
  field: string;
  message: string;
}

/** A failed API call, carrying what the backend's error envelope said. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldError[];
  readonly requestId: string | null;
  /** Seconds to wait before retrying, from the Retry-After header of a 429. */
  readonly retryAfterSeconds: number | null;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    fields?: FieldError[];
    requestId?: string | null;
    retryAfterSeconds?: number | null;
  }) {
    super(init.message);
    this.name = "ApiError";
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? [];
    this.requestId = init.requestId ?? null;
    this.retryAfterSeconds = init.retryAfterSeconds ?? null;
  }
}

function isErrorResponse(body: unknown): body is ErrorResponse {
  if (typeof body !== "object" || body === null || !("error" in body)) return false;
  const error = body.error;
  return typeof error === "object" && error !== null && "message" in error;
}

/** Retry-After is either delta-seconds or an HTTP date; both become whole seconds from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === "") return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

const FALLBACK_MESSAGES: Record<number, string> = {
  401: "You are not signed in.",
  403: "You are not allowed to do that.",
  404: "Not found.",
  409: "That conflicts with existing data.",
  422: "Some fields are not valid.",
  429: "Too many requests. Please wait a moment.",
};

/** Turns whatever a failed response carried into an ApiError; never throws itself. */
export function toApiError(response: Response, body: unknown): ApiError {
  const retryAfterSeconds = parseRetryAfter(response.headers.get("Retry-After"));
  if (isErrorResponse(body)) {
    return new ApiError({
      status: response.status,
      code: body.error.code,
      message: body.error.message,
      fields: body.error.fields,
      requestId: body.request_id,
      retryAfterSeconds,
    });
  }
  return new ApiError({
    status: response.status,
    code: `http_${response.status}`,
    message: FALLBACK_MESSAGES[response.status] ?? `The server answered ${response.status}. Please try again.`,
    retryAfterSeconds,
  });
}

/** A human sentence for any error thrown while talking to the API. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof TypeError) return "Cannot reach the server. Check your connection and try again.";
  return "Something went wrong. Please try again.";
}
