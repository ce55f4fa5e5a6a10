import { useState, type SyntheticEvent } from "react";
import { Button } from "../../components/Button";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { TextField } from "../../components/TextField";
import { useCreateImportToken, useImportTokens, useRevokeImportToken } from "../../hooks/useImports";
import { formatDateTime } from "../../lib/format";
import { toast } from "../../lib/toast";
import type { CreatedImportToken, ImportToken } from "../../services/imports";

/** The token just created: shown this once, since only its digest is kept. */
function NewToken({ created, onDone }: { created: CreatedImportToken; onDone: () => void }) {
  return (
    <div className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3" role="status">
      <p className="text-sm font-medium text-slate-900">
        Copy this token into the companion's options now. It is not shown again.
      </p>
      <code data-testid="new-import-token" className="break-all rounded bg-white px-2 py-1 text-sm text-slate-900">
        {created.token}
      </code>
      <div className="flex gap-2">
        <Button
          variant="secondary"
          onClick={() => {
            void navigator.clipboard.writeText(created.token).then(
              () => toast.success("Token copied."),
              () => toast.error("Could not copy; select the token and copy it."),
            );
          }}
        >
          Copy
        </Button>
        <Button variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
}

function TokenRow({ token, onRevoke }: { token: ImportToken; onRevoke: (token: ImportToken) => void }) {
  return (
    <li className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
      <span>
        <span className="font-medium text-slate-900">{token.name}</span>{" "}
        <span className="text-slate-600">…{token.hint}</span>
        <span className="block text-slate-600">
          Created {formatDateTime(token.created_at)}
          {token.last_used_at ? ` · last used ${formatDateTime(token.last_used_at)}` : " · never used"}
        </span>
      </span>
      {token.revoked_at ? (
        <span className="text-slate-600">Revoked</span>
      ) : (
        <Button variant="secondary" onClick={() => { onRevoke(token); }} aria-label={`Revoke ${token.name}`}>
          Revoke
        </Button>
      )}
    </li>
  );
}

/** Import tokens let the browser companion send listing ids, and do nothing else. */
export function ImportTokensPanel() {
  const tokens = useImportTokens();
  const create = useCreateImportToken();
  const revoke = useRevokeImportToken();
  const [name, setName] = useState("");
  const [created, setCreated] = useState<CreatedImportToken | null>(null);
  const [revoking, setRevoking] = useState<ImportToken | null>(null);

  function submit(event: SyntheticEvent) {
    event.preventDefault();
    create.mutate(name.trim() || "Browser companion", {
      onSuccess: (token) => {
        setCreated(token);
        setName("");
      },
      onError: () => toast.error("Could not create the token. Try again."),
    });
  }

  return (
    <section aria-labelledby="import-tokens-heading" className="flex flex-col gap-3">
      <h3 id="import-tokens-heading" className="text-base font-semibold text-slate-900">
        Import tokens
      </h3>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
        <TextField
          label="Token name"
          placeholder="Firefox on my laptop"
          value={name}
          maxLength={100}
          onChange={(event) => { setName(event.target.value); }}
        />
        <Button type="submit" busy={create.isPending}>
          Create import token
        </Button>
      </form>
      {created ? <NewToken created={created} onDone={() => { setCreated(null); }} /> : null}
      {tokens.data && tokens.data.length > 0 ? (
        <ul className="divide-y divide-slate-200" aria-label="Import tokens">
          {tokens.data.map((token) => (
            <TokenRow key={token.id} token={token} onRevoke={setRevoking} />
          ))}
        </ul>
      ) : tokens.isSuccess ? (
        <p className="text-sm text-slate-600">No import tokens yet.</p>
      ) : null}
      {revoking ? (
        <ConfirmDialog
          title={`Revoke "${revoking.name}"?`}
          message="The companion using this token can no longer send listings. Imports it sent stay."
          confirmLabel="Revoke"
          busy={revoke.isPending}
          onConfirm={() => {
            revoke.mutate(revoking.id, {
              onSettled: () => { setRevoking(null); },
              onError: () => toast.error("Could not revoke the token. Try again."),
            });
          }}
          onCancel={() => { setRevoking(null); }}
        />
      ) : null}
    </section>
  );
}
