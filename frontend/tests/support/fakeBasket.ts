import type { components } from "../../src/lib/api/schema";
import { errorBody, http, unauthorized, type FakeBackend } from "./fakeBackend";
import { DEFAULT_SYNC_PLAN } from "./fakeRuns";

type Plan = components["schemas"]["PlanView"];

export function basketHandlers(backend: FakeBackend) {
  const basket = backend.market.basket;
  const allPlans = () => {
    const plans = [...basket.plans];
    if (basket.latest !== null && !plans.some((plan) => plan.id === basket.latest?.id)) plans.push(basket.latest);
    return plans;
  };
  const withBought = <T extends { parcels: { items: { listing_id: number; bought: boolean }[] }[] }>(plan: T): T => ({
    ...plan,
    parcels: plan.parcels.map((parcel) => ({ ...parcel, items: parcel.items.map((item) => ({ ...item, bought: basket.bought.has(item.listing_id) })) })),
  });
  const missing = errorBody("not_found", "Basket plan not found");

  return [
    http.post("/api/v1/basket/plan", async ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const body = await request.json();
      backend.market.calls.plans.push(body);
      const cap = body.max_sellers ?? basket.choices.max_parcels ?? null;
      const solved = (cap !== null ? basket.capped.get(cap) : undefined) ?? basket.next;
      if (solved === null) {
        return response(409).json(errorBody("nothing_to_plan", "None of your wanted records has a current listing yet: run a search of your want list first"));
      }
      if (backend.runStore.active("basket_plan") !== undefined) {
        return response(409).json(errorBody("run_in_progress", "A basket_plan run is already in progress"));
      }
      // Like the backend: a run solves the plan and stores it (by kind) after its first step,
      // then works out the frontier, if asked for, as its second.
      const plan: Plan = { ...solved, id: basket.nextId++, created_at: backend.clock(), replan_of: body.replan_of ?? null, frontier: [], frontier_status: body.frontier ? "working" : "not_requested" };
      const steps = body.frontier ? 2 : 1;
      const store = () => {
        if (basket.plans.includes(plan)) return;
        basket.plans.push(plan);
        basket.latest = plan;
      };
      const finish = () => {
        store();
        if (body.frontier) Object.assign(plan, { frontier: solved.frontier, frontier_status: "ready" });
        const total = plan.summary.total?.amount ?? null;
        return { basket_plan: { plan_id: plan.id, status: plan.status, complete: plan.kind === "complete", total, seller_count: plan.summary.seller_count, wants_planned: plan.wants_planned, solve_seconds: plan.solve_seconds } };
      };
      const run = backend.runStore.create("basket_plan", { ...DEFAULT_SYNC_PLAN, pages: steps, stats: { ...DEFAULT_SYNC_PLAN.stats, calls: 0 } }, finish, (done) => {
        if (done === 1) store();
      });
      return response(202).json({ ...run, subject_id: plan.id });
    }),

    http.get("/api/v1/basket/plans/latest", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const kind = new URL(request.url).searchParams.get("kind");
      const found = allPlans()
        .filter((plan) => kind === null || (kind === "complete" ? plan.kind === "complete" : plan.kind !== "complete"))
        .at(-1);
      return found ? response(200).json(withBought(found)) : response(404).json(missing);
    }),

    http.get("/api/v1/basket/plans/{plan_id}", ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const found = allPlans().find((plan) => plan.id === Number(params.plan_id));
      return found ? response(200).json(withBought(found)) : response(404).json(missing);
    }),

    http.post("/api/v1/basket/plans/{plan_id}/frontier/{max_sellers}", ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const source = allPlans().find((plan) => plan.id === Number(params.plan_id));
      const cap = Number(params.max_sellers);
      const point = source?.frontier.find((candidate) => candidate.max_sellers === cap);
      if (source === undefined || point === undefined) return response(404).json(missing);
      const solved = basket.capped.get(cap) ?? source;
      const opened = { ...solved, id: basket.nextId++, created_at: backend.clock(), max_sellers: cap, frontier: source.frontier, summary: { ...solved.summary, total: point.total } };
      basket.plans.push(opened);
      return response(201).json(withBought(opened));
    }),

    http.put("/api/v1/basket/plans/{plan_id}/items/{listing_id}", async ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const { bought } = await request.json();
      await basket.markAnswer;
      if (basket.markFails) return response(404).json(errorBody("not_found", "Plan item not found"));
      const listingId = Number(params.listing_id);
      if (bought) basket.bought.add(listingId);
      else basket.bought.delete(listingId);
      return response(200).json({ bought });
    }),

    http.get("/api/v1/basket/plans/{plan_id}/export.csv", ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      return response.untyped(
        new Response("parcel,seller\r\n1,groovebox\r\n", {
          headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="basket-plan-${params.plan_id}.csv"` },
        }),
      );
    }),

    http.get("/api/v1/basket/choices", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      return response(200).json(basket.choices);
    }),

    http.put("/api/v1/basket/choices", async ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const body = await request.json();
      backend.market.calls.choices.push(body);
      if (body.max_parcels != null && (body.max_parcels < 1 || body.max_parcels > 500)) {
        return response(422).json(
          errorBody("validation_error", "max_parcels: Input should be less than or equal to 500", [{ field: "max_parcels", message: "Input should be less than or equal to 500" }]),
        );
      }
      const amount = (value: string | number | null | undefined) => (value === null || value === undefined ? null : Number(value).toFixed(2));
      basket.choices = {
        min_media_grade: body.min_media_grade ?? null,
        min_sleeve_grade: body.min_sleeve_grade ?? null,
        budget: amount(body.budget),
        max_parcels: body.max_parcels ?? null,
        default_value: amount(body.default_value),
        currency: basket.choices.currency,
      };
      return response(200).json(basket.choices);
    }),

    http.get("/api/v1/basket/wants", ({ request, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const url = new URL(request.url);
      const page = Number(url.searchParams.get("page") ?? "1");
      const perPage = Number(url.searchParams.get("per_page") ?? "25");
      const items = basket.wants.slice((page - 1) * perPage, page * perPage);
      return response(200).json({ items, total: basket.wants.length, page, per_page: perPage, pages: Math.max(1, Math.ceil(basket.wants.length / perPage)) });
    }),

    http.put("/api/v1/basket/wants/{want_id}", async ({ request, params, response }) => {
      if (!backend.isAuthorized(request)) return response(401).json(unauthorized());
      const body = await request.json();
      backend.market.calls.wantChoices.push({ want_id: Number(params.want_id), ...body });
      const index = basket.wants.findIndex((want) => want.want_id === Number(params.want_id));
      const existing = basket.wants[index];
      if (existing === undefined) return response(404).json(errorBody("not_found", "Want not found"));
      const maxPrice = body.max_price === null || body.max_price === undefined ? null : Number(body.max_price).toFixed(2);
      const saved = { ...existing, choice: body.choice, max_price: maxPrice, any_pressing: body.any_pressing ?? null };
      basket.wants[index] = saved;
      return response(200).json(saved);
    }),
  ];
}
