import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterAll, afterEach, beforeAll } from "vitest";
import { tokenStore } from "../src/lib/auth/tokenStore";
import { toast } from "../src/lib/toast";
import { server } from "./support/server";

// The suite shares two cores with other work; lazy page chunks can take over a second to load.
configure({ asyncUtilTimeout: 5000 });

// jsdom does no layout, so it has no scrolling either; a no-op keeps scroll calls harmless.
Element.prototype.scrollIntoView = function scrollIntoView() {};

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
