import { useMutation } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { AuthLayout } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { FormAlert } from "../components/FormAlert";
import { TextLink } from "../components/TextLink";
import { describeError } from "../lib/api/errors";
import { unsubscribe } from "../services/alerts";

/**
 * Opened from the link in an alert e-mail; works without signing in. The rule is switched off
 * only when the button is pressed, so mail scanners that follow links change nothing.
 */
export default function UnsubscribePage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get("token") ?? "";
  const stop = useMutation({ mutationFn: () => unsubscribe(token) });

  return (
    <AuthLayout title="Stop these alerts" footer={<TextLink to="/settings#alerts">Manage all your alerts</TextLink>}>
      {stop.isSuccess ? (
        <p role="status" className="text-slate-800">
          Done: the alert rule “{stop.data.rule_name}” is switched off. You can switch it on again in Settings.
        </p>
      ) : (
        <div className="flex flex-col gap-4">
          <p className="text-slate-700">This switches off the alert rule that sent you the e-mail. Your other alerts stay as they are.</p>
          {stop.isError && <FormAlert>{describeError(stop.error)}</FormAlert>}
          <Button busy={stop.isPending} disabled={token === ""} onClick={() => { stop.mutate(); }}>
            Unsubscribe
          </Button>
        </div>
      )}
    </AuthLayout>
  );
}
