import { useRef, useState } from "react";
import { Button } from "../../components/Button";
import { formatDateTime } from "../../lib/format";
import type { CredentialStatus } from "../../services/credentials";
import { fieldLabel } from "./credentialLabels";
import { EbayCredentialsForm } from "./EbayCredentialsForm";
import { RemoveCredentials } from "./RemoveCredentials";
import { StatusPill } from "./StatusPill";

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

/** The eBay API keys: what is stored (masked), and set, replace or remove them. */
export function EbayCard({ status }: { status: CredentialStatus }) {
  const [editing, setEditing] = useState(false);
  const editButtonRef = useRef<HTMLButtonElement>(null);

  function focusEditButton() {
    // The form (or the Remove button) held focus and is gone; continue from the edit button.
    requestAnimationFrame(() => editButtonRef.current?.focus());
  }

  return (
    <article aria-labelledby="credentials-ebay-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 id="credentials-ebay-heading" className="text-base font-semibold text-slate-900">
          eBay
        </h3>
        <StatusPill on={status.configured}>{status.configured ? "Configured" : "Not configured"}</StatusPill>
      </div>
      <FieldStatusList status={status} />
      {status.updated_at && (
        <p className="mt-2 text-sm text-slate-700">
          Last changed <time dateTime={status.updated_at}>{formatDateTime(status.updated_at)}</time>
        </p>
      )}
      {editing ? (
        <EbayCredentialsForm
          onDone={() => {
            setEditing(false);
            focusEditButton();
          }}
        />
      ) : (
        <div className="mt-4 flex flex-wrap gap-2">
          <Button ref={editButtonRef} variant="secondary" onClick={() => { setEditing(true); }}>
            {status.configured ? "Replace eBay credentials" : "Set up eBay"}
          </Button>
          {status.configured && (
            <RemoveCredentials
              service="ebay"
              consequence="VinylDigger will stop searching eBay until you add credentials again."
              onRemoved={focusEditButton}
            />
          )}
        </div>
      )}
    </article>
  );
}
