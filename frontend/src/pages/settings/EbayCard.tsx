import { useRef, useState } from "react";
import { Button } from "../../components/Button";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { useDeleteCredentials } from "../../hooks/useCredentials";
import { describeError } from "../../lib/api/errors";
import { toast } from "../../lib/toast";
import type { CredentialStatus, MarketplaceService } from "../../services/credentials";
import { fieldLabel, SERVICE_NAMES } from "./credentialLabels";
import { DiscogsCredentialsForm } from "./DiscogsCredentialsForm";
import { EbayCredentialsForm } from "./EbayCredentialsForm";

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function FieldStatusList({ status }: { status: CredentialStatus }) {
  if (status.fields.length === 0) return null;
  return (
    <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      {status.fields.map((field) => (
        <div key={field.name} className="contents">
          <dt className="text-slate-700">{fieldLabel(field.name)}</dt>
          <dd className={field.is_set ? "font-mono text-slate-900" : "text-slate-700"}>
            {field.is_set ? (field.hint ?? "Set") : "Not set"}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** One marketplace's credentials: what is stored (masked), and set, replace or remove them. */
export function CredentialCard({ service, status }: { service: MarketplaceService; status: CredentialStatus }) {
  const [editing, setEditing] = useState(false);
  const [confirmingRemoval, setConfirmingRemoval] = useState(false);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  const remove = useDeleteCredentials(service);
  const name = SERVICE_NAMES[service];
  const headingId = `credentials-${service}-heading`;

  function closeForm() {
    setEditing(false);
    // The form held focus; give it back to the button that opened it.
    requestAnimationFrame(() => editButtonRef.current?.focus());
  }

  async function confirmRemoval() {
    try {
      await remove.mutateAsync();
      toast.success(`${name} credentials removed.`);
      // The Remove button that opened the dialog is gone now; continue from "Set up" instead.
      requestAnimationFrame(() => editButtonRef.current?.focus());
    } catch (error) {
      toast.error(describeError(error));
    } finally {
      setConfirmingRemoval(false);
    }
  }

  const Form = service === "discogs" ? DiscogsCredentialsForm : EbayCredentialsForm;

  return (
    <article aria-labelledby={headingId} className="rounded-lg border border-slate-200 bg-white p-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id={headingId} className="text-base font-semibold text-slate-900">
          {name}
        </h3>
        <span
          className={`rounded-full px-2.5 py-0.5 text-xs font-semibold ${
            status.configured ? "bg-emerald-100 text-emerald-900" : "bg-amber-100 text-amber-900"
          }`}
        >
          {status.configured ? "Configured" : "Not configured"}
        </span>
      </div>
      <FieldStatusList status={status} />
      {status.updated_at && (
        <p className="mt-2 text-sm text-slate-700">
          Last changed <time dateTime={status.updated_at}>{dateTimeFormat.format(new Date(status.updated_at))}</time>
        </p>
      )}
      {editing ? (
        <Form onDone={closeForm} />
      ) : (
        <div className="mt-4 flex flex-wrap gap-2">
          <Button ref={editButtonRef} variant="secondary" onClick={() => { setEditing(true); }}>
            {status.configured ? `Replace ${name} credentials` : `Set up ${name}`}
          </Button>
          {status.configured && (
            <Button variant="ghost" className="text-red-800 hover:bg-red-50" onClick={() => { setConfirmingRemoval(true); }}>
              Remove
            </Button>
          )}
        </div>
      )}
      {confirmingRemoval && (
        <ConfirmDialog
          title={`Remove ${name} credentials?`}
          message={`VinylDigger will stop syncing and searching ${name} until you add credentials again.`}
          confirmLabel="Remove credentials"
          busy={remove.isPending}
          onConfirm={() => void confirmRemoval()}
          onCancel={() => { setConfirmingRemoval(false); }}
        />
      )}
    </article>
  );
}
