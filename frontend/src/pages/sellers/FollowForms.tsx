import { useState, type SyntheticEvent } from "react";
import { Button } from "../../components/Button";
import { TextField } from "../../components/TextField";
import { useFollowSeller, useImportFollowedSellers } from "../../hooks/useFollowedSellers";
import { describeError } from "../../lib/api/errors";
import { plural } from "../../lib/format";
import { toast } from "../../lib/toast";
import type { FollowImport } from "../../services/sellers";

const NAME = /^[A-Za-z0-9._-]{1,200}$/;
const NAME_RULE = "Letters, digits, dots, dashes and underscores, as in the address of their Discogs store.";

/** Follow one Discogs seller by name. */
export function FollowByName() {
  const follow = useFollowSeller();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | undefined>();

  function submit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    const username = name.trim();
    if (!NAME.test(username)) {
      setError(username ? NAME_RULE : "Enter a Discogs user name.");
      return;
    }
    setError(undefined);
    follow.mutate(username, {
      onSuccess: (seller) => {
        setName("");
        toast.success(`You follow ${seller.username}: their whole stock is read for your searches.`);
      },
      onError: (failure) => { setError(describeError(failure)); },
    });
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-2 sm:flex-row sm:items-end">
      <TextField label="Discogs seller" name="seller" autoComplete="off" value={name} error={error} className="sm:w-72" onChange={(event) => { setName(event.target.value); }} />
      <Button type="submit" busy={follow.isPending} className="sm:mb-0.5">
        Follow
      </Button>
    </form>
  );
}

function importSummary(report: FollowImport): string {
  const parts = [`Followed ${plural(report.followed.length, "seller")}`];
  if (report.already_followed.length) parts.push(`${plural(report.already_followed.length, "was", "were")} already followed`);
  if (report.invalid.length) parts.push(`not user names: ${report.invalid.join(", ")}`);
  if (report.not_found.length) parts.push(`not on Discogs: ${report.not_found.join(", ")}`);
  if (report.over_limit.length) parts.push(`over the limit of sellers you may follow: ${report.over_limit.join(", ")}`);
  return `${parts.join("; ")}.`;
}

/** Follow a list of names at once, e.g. pasted from a spreadsheet: one per line or comma. */
export function ImportNames() {
  const importNames = useImportFollowedSellers();
  const [text, setText] = useState("");
  const [report, setReport] = useState<string | null>(null);
  const names = text.split(/[\s,;]+/).filter(Boolean);

  function submit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    if (names.length === 0) return;
    importNames.mutate(names.slice(0, 1000), {
      onSuccess: (result) => {
        setReport(importSummary(result));
        if (result.followed.length) setText("");
      },
      onError: (failure) => toast.error(describeError(failure)),
    });
  }

  return (
    <details className="rounded-lg border border-slate-200 bg-white p-3">
      <summary className="cursor-pointer text-sm font-semibold text-slate-900">Import a list of sellers</summary>
      <form onSubmit={submit} className="mt-3 flex flex-col gap-2">
        <label htmlFor="import-sellers" className="text-sm font-medium text-slate-900">
          Discogs user names, one per line or separated by commas
        </label>
        <textarea id="import-sellers" rows={4} value={text} onChange={(event) => { setText(event.target.value); }} className="rounded-md border border-slate-400 bg-white px-3 py-2 text-base text-slate-900 shadow-sm sm:text-sm" />
        <div>
          <Button type="submit" variant="secondary" busy={importNames.isPending} disabled={names.length === 0}>
            Import {names.length > 0 ? plural(names.length, "name") : "names"}
          </Button>
        </div>
        {report && (
          <p role="status" className="text-sm text-slate-700">
            {report}
          </p>
        )}
      </form>
    </details>
  );
}
