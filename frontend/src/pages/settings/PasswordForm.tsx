import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { Button } from "../../components/Button";
import { TextField } from "../../components/TextField";
import { useUpdateCurrentUser } from "../../hooks/useCurrentUser";
import { reportSubmitError } from "../../lib/forms";
import { toast } from "../../lib/toast";
import { newPasswordField, passwordRuleDescription } from "../../lib/validation";

const passwordSchema = z
  .object({
    current_password: z.string().min(1, "Enter your current password."),
    new_password: newPasswordField,
    confirm_password: z.string(),
  })
  .refine((values) => values.new_password === values.confirm_password, {
    path: ["confirm_password"],
    error: "The passwords do not match.",
  });

type PasswordValues = z.infer<typeof passwordSchema>;

const EMPTY: PasswordValues = { current_password: "", new_password: "", confirm_password: "" };

export function PasswordForm() {
  const updateUser = useUpdateCurrentUser();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting },
  } = useForm<PasswordValues>({ resolver: zodResolver(passwordSchema), defaultValues: EMPTY });

  const onSubmit = handleSubmit(async ({ current_password, new_password }) => {
    try {
      await updateUser.mutateAsync({ current_password, new_password });
      reset(EMPTY);
      toast.success("Password changed. Every other session is signed out.");
    } catch (error) {
      reportSubmitError(error, setError, ["current_password", "new_password"]);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="password-heading" className="flex flex-col gap-4">
      <h2 id="password-heading" className="text-lg font-semibold text-slate-900">
        Password
      </h2>
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        error={errors.current_password?.message}
        {...register("current_password")}
      />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        description={passwordRuleDescription}
        error={errors.new_password?.message}
        {...register("new_password")}
      />
      <TextField
        label="Repeat new password"
        type="password"
        autoComplete="new-password"
        error={errors.confirm_password?.message}
        {...register("confirm_password")}
      />
      <div>
        <Button type="submit" busy={isSubmitting}>
          Change password
        </Button>
      </div>
    </form>
  );
}
