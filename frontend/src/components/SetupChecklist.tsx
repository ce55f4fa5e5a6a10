import { useCredentials } from "../hooks/useCredentials";
import type { MarketplaceService } from "../services/credentials";
import { TextLink } from "./TextLink";

const SERVICE_STEPS: Record<MarketplaceService, { done: string; todo: string }> = {
  discogs: {
    done: "Discogs is linked.",
    todo: "Link your Discogs account so VinylDigger can mirror your want list and collection.",
  },
  ebay: {
    done: "eBay API keys are set.",
    todo: "Add your eBay API keys so searches also cover eBay listings.",
  },
};

/**
 * Which marketplaces still need credentials, read from the real credential status; only the
 * services passed in are listed, so each page shows the steps that matter to it.
 */
export function SetupChecklist({ services }: { services: readonly MarketplaceService[] }) {
  const { data: statuses, isPending, isError } = useCredentials();

  if (isPending) return <p role="status">Checking your marketplace accounts…</p>;
  if (isError) {
    return (
      <p>
        Could not check your marketplace accounts. Open <TextLink to="/settings">Settings</TextLink> to review them.
      </p>
    );
  }

  return (
    <ul className="flex flex-col gap-2">
      {services.map((service) => {
        const configured = statuses.find((status) => status.service === service)?.configured === true;
        const step = SERVICE_STEPS[service];
        return (
          <li key={service} className="flex items-start gap-2">
            <span aria-hidden="true" className={configured ? "text-emerald-700" : "text-amber-700"}>
              {configured ? "✓" : "○"}
            </span>
            {configured ? (
              <span>{step.done}</span>
            ) : (
              <span>
                {step.todo} <TextLink to="/settings#credentials">Go to Settings</TextLink>
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
