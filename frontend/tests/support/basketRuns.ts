import { waitFor } from "@testing-library/react";
import { expect } from "vitest";
import type { FakeBackend } from "./fakeBackend";

/** Waits until the page follows the plan's run, then lets the run finish. */
export async function finishPlanRun(backend: FakeBackend) {
  await waitFor(() => {
    const run = backend.runStore.active("basket_plan");
    expect(run !== undefined && backend.runStore.followers(run.id)).toBeGreaterThan(0);
  });
  backend.runStore.finish();
}
