import { useState } from "react";
import { Button } from "../../components/Button";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useDeleteCredentials } from "../../hooks/useCredentials";
import { describeError } from "../../lib/api/errors";
import { toast } from "../../lib/toast";
import type { MarketplaceService } from "../../services/credentials";
import { SERVICE_NAMES } from "./credentialLabels";

interface RemoveCredentialsProps {
  service: MarketplaceService;
  consequence: string;
  /** Called once the credentials are gone; the button that opened the dialog goes with them. */
  onRemoved: () => void;
}

/** A Remove button that asks for confirmation before deleting a service's credentials. */
export function RemoveCredentials({ service, consequence, onRemoved }: RemoveCredentialsProps) {
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteCredentials(service);
  const name = SERVICE_NAMES[service];

  async function confirmRemoval() {
    try {
      await remove.mutateAsync();
      toast.success(`${name} credentials removed.`);
      onRemoved();
    } catch (error) {
      toast.error(describeError(error));
    } finally {
      setConfirming(false);
    }
  }

  return (
    <>
      <Button variant="ghost" className="text-red-800 hover:bg-red-50" onClick={() => { setConfirming(true); }}>
        Remove
      </Button>
      {confirming && (
        <ConfirmDialog
          title={`Remove ${name} credentials?`}
          message={consequence}
          confirmLabel="Remove credentials"
          busy={remove.isPending}
          onConfirm={() => void confirmRemoval()}
          onCancel={() => { setConfirming(false); }}
        />
      )}
    </>
  );
}
