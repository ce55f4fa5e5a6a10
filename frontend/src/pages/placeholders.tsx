import { PagePlaceholder } from "../components/PagePlaceholder";
import { TextLink } from "../components/TextLink";

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
