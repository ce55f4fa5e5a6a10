import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type SyntheticEvent } from "react";
import { Button } from "../../../components/Button";
import { TextField } from "../../../components/TextField";
import { describeError } from "../../../lib/api/errors";
import { queryKeys } from "../../../lib/queryClient";
import { toast } from "../../../lib/toast";
import {
  addPushTarget,
  listPushTargets,
  removePushTarget,
  testEmail,
  testInApp,
  testPushTarget,
  type TestResult,
} from "../../../services/alerts";

function reportTest(result: TestResult, what: string) {
  if (result.sent) toast.success(`Test sent ${what}.`);
  else toast.error(`The test ${what} failed: ${result.error ?? "no reason given"}`);
}

/** Where alerts go: the bell, the account's e-mail, and Apprise push URLs; each can be tested. */
export function ChannelsPanel() {
  const queryClient = useQueryClient();
  const targets = useQuery({ queryKey: queryKeys.pushTargets, queryFn: listPushTargets });
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.pushTargets });
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [error, setError] = useState<string | undefined>();
  const add = useMutation({
    mutationFn: () => addPushTarget(name, url),
    onSuccess: () => {
      setName("");
      setUrl("");
      setError(undefined);
      void refresh();
    },
    onError: (failure) => { setError(describeError(failure)); },
  });
  const remove = useMutation({ mutationFn: removePushTarget, onSettled: refresh });
  const mail = useMutation({ mutationFn: testEmail, onSuccess: (result) => { reportTest(result, "by e-mail"); } });
  const bell = useMutation({
    mutationFn: testInApp,
    onSuccess: () => { toast.success("Test notification added: see the bell."); },
  });
  const push = useMutation({
    mutationFn: testPushTarget,
    onSuccess: (result) => { reportTest(result, "to the push URL"); },
  });

  function submit(event: SyntheticEvent<HTMLFormElement>) {
    event.preventDefault();
    add.mutate();
  }

  return (
    <section aria-labelledby="alert-channels-heading" className="flex flex-col gap-4">
      <h3 id="alert-channels-heading" className="text-base font-semibold text-slate-900">Channels</h3>
      <div className="flex flex-wrap gap-2">
        <Button variant="secondary" busy={bell.isPending} onClick={() => { bell.mutate(); }}>Send a test notification</Button>
        <Button variant="secondary" busy={mail.isPending} onClick={() => { mail.mutate(); }}>Send a test e-mail</Button>
      </div>
      <ul aria-label="Push URLs" className="flex flex-col gap-2">
        {(targets.data ?? []).map((target) => (
          <li key={target.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-slate-200 p-3 text-sm">
            <span>
              <strong>{target.name}</strong> <span className="text-slate-600">{target.hint}</span>
            </span>
            <span className="flex gap-2">
              <Button variant="secondary" busy={push.isPending} onClick={() => { push.mutate(target.id); }}>Send a test to {target.name}</Button>
              <Button variant="danger" onClick={() => { remove.mutate(target.id); }}>Remove</Button>
            </span>
          </li>
        ))}
      </ul>
      <form aria-label="Add a push URL" className="grid gap-3 sm:grid-cols-[12rem_1fr_auto] sm:items-end" onSubmit={submit}>
        <TextField label="Name" value={name} onChange={(event) => { setName(event.target.value); }} />
        <TextField
          label="Apprise URL"
          description="ntfy://topic, tgram://bot-token/chat-id, discord://…, slack://…, pover://…, json://host/path"
          value={url}
          error={error}
          autoComplete="off"
          onChange={(event) => { setUrl(event.target.value); }}
        />
        <Button type="submit" busy={add.isPending}>Add</Button>
      </form>
    </section>
  );
}
