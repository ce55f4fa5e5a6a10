import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterAll, afterEach, beforeAll } from "vitest";
import { tokenStore } from "../src/lib/auth/tokenStore";
import { toast } from "../src/lib/toast";
import { server } from "./support/server";

// Any request without a handler is a test bug or an unexpected call: fail loudly.
beforeAll(() => { server.listen({ onUnhandledRequest: "error" }); });

afterEach(() => {
  cleanup();
  server.resetHandlers();
  tokenStore.clear();
  window.localStorage.clear();
  toast.clearAll();
});

afterAll(() => { server.close(); });
