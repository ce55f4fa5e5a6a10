import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { Button } from "../../components/Button";
import { CheckboxField } from "../../components/CheckboxField";
import { TextField } from "../../components/TextField";
import { reportSubmitError } from "../../lib/forms";
import { queryKeys } from "../../lib/queryClient";
import { toast } from "../../lib/toast";
import { getMailServer, saveMailServer, testMailServer, type MailServer } from "../../services/alerts";

interface MailValues {
  host: string;
  port: string;
  username: string;
  password: string;
  sender: string;
  starttls: boolean;
}

function values(server: MailServer): MailValues {
  return {
    host: server.host ?? "",
    port: String(server.port ?? 587),
    username: server.username ?? "",
    password: "",
    sender: server.sender ?? "",
    starttls: server.starttls ?? true,
  };
}

function MailForm({ server }: { server: MailServer }) {
  const queryClient = useQueryClient();
  const fromEnvironment = server.source === "environment";
  const { register, handleSubmit, setError, formState: { errors, isSubmitting } } = useForm<MailValues>({
    defaultValues: values(server),
  });
  const test = useMutation({
    mutationFn: testMailServer,
    onSuccess: (result) => {
      if (result.sent) toast.success("Test e-mail sent to your address.");
      else toast.error(`The test e-mail failed: ${result.error ?? "no reason given"}`);
    },
  });

  async function submit(form: MailValues) {
    try {
      const saved = await saveMailServer({
        host: form.host,
        port: Number(form.port),
        username: form.username === "" ? null : form.username,
        ...(form.password === "" ? {} : { password: form.password }),
        sender: form.sender,
        starttls: form.starttls,
      });
      queryClient.setQueryData(queryKeys.mailServer, saved);
      toast.success("Mail server saved.");
    } catch (error) {
      reportSubmitError(error, setError, ["host", "port", "username", "password", "sender"]);
    }
  }

  return (
    <form aria-label="Mail server" className="flex flex-col gap-4" onSubmit={(event) => void handleSubmit(submit)(event)} noValidate>
      {fromEnvironment && (
        <p className="text-sm text-slate-700">Set by the environment (VINYLDIGGER_SMTP_*), which wins over what is saved here.</p>
      )}
      <fieldset disabled={fromEnvironment} className="grid gap-4 sm:grid-cols-2">
        <TextField label="SMTP host" error={errors.host?.message} {...register("host")} />
        <TextField label="Port" inputMode="numeric" error={errors.port?.message} {...register("port")} />
        <TextField label="User name" autoComplete="off" error={errors.username?.message} {...register("username")} />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          description={server.password_set ? "Set; leave empty to keep it." : undefined}
          error={errors.password?.message}
          {...register("password")}
        />
        <TextField label="Sender address" error={errors.sender?.message} {...register("sender")} />
        <CheckboxField label="Use STARTTLS (port 465 always uses TLS)" {...register("starttls")} />
      </fieldset>
      <div className="flex flex-wrap gap-2">
        {!fromEnvironment && <Button type="submit" busy={isSubmitting}>Save mail server</Button>}
        <Button variant="secondary" busy={test.isPending} disabled={server.source === "none"} onClick={() => { test.mutate(); }}>
          Send a test e-mail
        </Button>
      </div>
    </form>
  );
}

/** The SMTP server alert e-mails go through. */
export function MailServerPanel() {
  const server = useQuery({ queryKey: queryKeys.mailServer, queryFn: getMailServer });
  return (
    <section aria-labelledby="admin-mail-heading" className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-5 sm:p-6">
      <h2 id="admin-mail-heading" className="text-lg font-semibold text-slate-900">Mail server</h2>
      {server.data && <MailForm key={server.data.source} server={server.data} />}
    </section>
  );
}
