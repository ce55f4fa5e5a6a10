import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "../../components/Button";
import { TextField } from "../../components/TextField";
import { useLinkDiscogsToken } from "../../hooks/useDiscogsLink";
import { reportSubmitError } from "../../lib/forms";
import { toast } from "../../lib/toast";

const tokenSchema = z.object({
  personal_token: z.string().trim().min(1, "Enter your personal access token."),
});

type TokenValues = z.infer<typeof tokenSchema>;

/** Links Discogs with a personal access token; the backend asks Discogs whose token it is. */
export function DiscogsTokenForm({ onDone }: { onDone: () => void }) {
  const link = useLinkDiscogsToken();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<TokenValues>({ resolver: zodResolver(tokenSchema), defaultValues: { personal_token: "" } });

  const onSubmit = handleSubmit(async ({ personal_token }) => {
    try {
      await link.mutateAsync(personal_token);
      toast.success("Discogs is linked. Your want list and collection are syncing now.");
      onDone();
    } catch (error) {
      reportSubmitError(error, setError, ["personal_token"]);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Link Discogs with a personal token" className="mt-4 flex flex-col gap-4">
      <TextField
        label="Personal access token"
        type="password"
        autoComplete="off"
        autoFocus
        description="Generate one on Discogs under Settings → Developers. VinylDigger checks it with Discogs, stores it encrypted and never shows it again."
        error={errors.personal_token?.message}
        {...register("personal_token")}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" busy={isSubmitting}>
          Link with token
        </Button>
        <Button variant="secondary" onClick={onDone} disabled={isSubmitting}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
