import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../components/Button";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { plural } from "../../lib/format";
import { toast } from "../../lib/toast";
import { signOutOtherSessions } from "../../services/auth";

/** Ends the account's sessions on other browsers and devices; this one stays signed in. */
export function SessionsPanel() {
  const [confirming, setConfirming] = useState(false);
  const signOut = useMutation({
    mutationFn: signOutOtherSessions,
    onSuccess: (revoked) => {
      setConfirming(false);
      toast.success(
        revoked === 0
          ? "No other session was signed in."
          : `Signed out ${plural(revoked, "other session", "other sessions")}.`,
      );
    },
    onError: () => {
      setConfirming(false);
      toast.error("Could not sign out the other sessions. Try again.");
    },
  });

  return (
    <section aria-labelledby="sessions-heading" className="flex flex-col gap-3">
      <h2 id="sessions-heading" className="text-lg font-semibold text-slate-900">
        Sessions
      </h2>
      <p className="text-sm text-slate-700">
        Changing your password signs out every other browser and device. If you left VinylDigger
        signed in somewhere, you can sign it out now without changing your password.
      </p>
      <div>
        <Button variant="secondary" onClick={() => { setConfirming(true); }}>
          Sign out everywhere else
        </Button>
      </div>
      {confirming ? (
        <ConfirmDialog
          title="Sign out everywhere else?"
          message="Every other browser and device signed in to your account will have to sign in again. This one stays signed in."
          confirmLabel="Sign out everywhere else"
          busy={signOut.isPending}
          onConfirm={() => { signOut.mutate(); }}
          onCancel={() => { setConfirming(false); }}
        />
      ) : null}
    </section>
  );
}
