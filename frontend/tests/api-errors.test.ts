import { describe, expect, it } from "vitest";
import { parseRetryAfter, toApiError } from "../src/lib/api/errors";
import { fieldMessage } from "../src/lib/forms";

describe("API error handling", () => {
  it("reads Retry-After as seconds or as an HTTP date", () => {
    const now = Date.parse("2025-03-01T12:00:00Z");
    expect(parseRetryAfter("42", now)).toBe(42);
    expect(parseRetryAfter("Sat, 01 Mar 2025 12:01:30 GMT", now)).toBe(90);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });

  it("keeps the envelope's code, message, fields and the Retry-After", () => {
    const response = new Response(null, { status: 429, headers: { "Retry-After": "7" } });
    const error = toApiError(response, {
      error: { code: "rate_limited", message: "Too many attempts; retry in 7 s", fields: [] },
      request_id: "abc",
    });
    expect(error).toMatchObject({ status: 429, code: "rate_limited", retryAfterSeconds: 7, requestId: "abc" });
    expect(error.message).toBe("Too many attempts; retry in 7 s");
  });

  it("still produces a readable error when the body is not the envelope", () => {
    const error = toApiError(new Response("<html>Bad gateway</html>", { status: 502 }), "<html>Bad gateway</html>");
    expect(error.code).toBe("http_502");
    expect(error.message).toBe("The server answered 502. Please try again.");
  });

  it("puts the field's name in front of messages that continue it", () => {
    expect(fieldMessage("current_password", "is incorrect")).toBe("Current password is incorrect.");
    expect(fieldMessage("body.password", "must be at least 10 characters")).toBe("Password must be at least 10 characters.");
    expect(fieldMessage("email", "An account with this e-mail already exists")).toBe(
      "An account with this e-mail already exists",
    );
  });
});
