import { PagePlaceholder } from "../components/PagePlaceholder";
import { SetupChecklist } from "../components/SetupChecklist";
import { TextLink } from "../components/TextLink";

export function SellersPage() {
  return (
    <PagePlaceholder
      title="Sellers"
      comingUp="Sellers you follow or have bought from, and sellers found in your results, ranked by how many of your wants they have in stock."
      nextSteps={<SetupChecklist services={["discogs"]} />}
    />
  );
}

export function BasketPage() {
  return (
    <PagePlaceholder
      title="Basket"
      comingUp="The cheapest way to buy the records you want, shipping included: which listings to pick from which sellers, what you save against buying each record at its cheapest, and how cost changes with fewer parcels."
      nextSteps={
        <p>
          The basket is built from your want list. Start by linking Discogs in <TextLink to="/settings#credentials">Settings</TextLink>.
        </p>
      }
    />
  );
}

export function AdminPage() {
  return (
    <PagePlaceholder
      title="Admin"
      comingUp="User accounts, job queues and the health of the marketplace connections and rate limits."
    />
  );
}

export function NotFoundPage() {
  return (
    <PagePlaceholder
      title="Page not found"
      comingUp="There is nothing at this address."
      nextSteps={
        <p>
          Go to the <TextLink to="/dashboard">dashboard</TextLink>.
        </p>
      }
    />
  );
}
