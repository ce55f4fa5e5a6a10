import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "../../components/Button";
import { TextField } from "../../components/TextField";
import { useSaveCredentials } from "../../hooks/useCredentials";
import { reportSubmitError } from "../../lib/forms";
import { toast } from "../../lib/toast";

const discogsSchema = z.object({
  username: z
    .string()
    .trim()
    .min(1, "Enter your Discogs username.")
    .regex(/^[A-Za-z0-9_.-]+$/, "Use your Discogs username exactly: letters, digits, dots, dashes and underscores."),
  personal_token: z.string().trim().min(1, "Enter your personal access token."),
});

type DiscogsValues = z.infer<typeof discogsSchema>;

interface CredentialsFormProps {
  onDone: () => void;
}

export function DiscogsCredentialsForm({ onDone }: CredentialsFormProps) {
  const save = useSaveCredentials("discogs");
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<DiscogsValues>({ resolver: zodResolver(discogsSchema), defaultValues: { username: "", personal_token: "" } });

  const onSubmit = handleSubmit(async (values) => {
    try {
      await save.mutateAsync(values);
      toast.success("Discogs credentials saved.");
      onDone();
    } catch (error) {
      reportSubmitError(error, setError, ["username", "personal_token"]);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Discogs credentials" className="mt-4 flex flex-col gap-4">
      <TextField
        label="Discogs username"
        autoComplete="off"
        autoFocus
        error={errors.username?.message}
        {...register("username")}
      />
      <TextField
        label="Personal access token"
        type="password"
        autoComplete="off"
        description="Create one on Discogs under Settings → Developers. It is stored encrypted and never shown again."
        error={errors.personal_token?.message}
        {...register("personal_token")}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={isSubmitting}>
          Save Discogs credentials
        </Button>
        <Button variant="secondary" onClick={onDone} disabled={isSubmitting}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
