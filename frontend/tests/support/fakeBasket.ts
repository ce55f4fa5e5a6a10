import { errorBody, http, unauthorized, type FakeBackend } from "./fakeBackend";
import { DEFAULT_SYNC_PLAN } from "./fakeRuns";

export function basketHandlers(backend: FakeBackend) {
  const basket = backend.market.basket;

  return [
    http.post("/api/v1/basket/plan", async ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const body = await request.json();
      backend.market.calls.plans.push(body);
      const cap = body.max_sellers ?? null;
      if (cap !== null && (cap < 1 || cap > 500)) {
        return response(422).json(
          errorBody("validation_error", "max_sellers: Input should be less than or equal to 500", [{ field: "max_sellers", message: "Input should be less than or equal to 500" }]),
        );
      }
      const solved = (cap !== null ? basket.capped.get(cap) : undefined) ?? basket.next;
      if (solved === null) {
        return response(409).json(errorBody("nothing_to_plan", "None of your wanted records has a current listing yet: run a search of your want list first"));
      }
      if (backend.runStore.active("basket_plan") !== undefined) {
        return response(409).json(errorBody("run_in_progress", "A basket_plan run is already in progress"));
      }
      // Like the backend: a run works the plan out; it becomes the latest plan when it succeeds.
      const plan = { ...solved, id: basket.nextId++, created_at: backend.clock(), frontier: body.frontier ? solved.frontier : [] };
      const steps = body.frontier ? 2 : 1;
      const run = backend.runStore.create("basket_plan", { ...DEFAULT_SYNC_PLAN, pages: steps, stats: { ...DEFAULT_SYNC_PLAN.stats, calls: 0 } }, () => {
        basket.latest = plan;
        const planned = plan.parcels.reduce((count, parcel) => count + parcel.items.length, 0);
        return { basket_plan: { plan_id: plan.id, status: plan.status, total: plan.total, seller_count: plan.seller_count, wants_planned: planned, solve_seconds: plan.solve_seconds } };
      });
      return response(202).json({ ...run, subject_id: plan.id });
    }),

    http.get("/api/v1/basket/plans/latest", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      return basket.latest ? response(200).json(basket.latest) : response(404).json(errorBody("not_found", "Basket plan not found"));
    }),
  ];
}
