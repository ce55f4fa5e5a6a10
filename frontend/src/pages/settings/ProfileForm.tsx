import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import { Button } from "../../components/Button";
import { SelectField } from "../../components/SelectField";
import { TextField } from "../../components/TextField";
import { useUpdateCurrentUser } from "../../hooks/useCurrentUser";
import { reportSubmitError } from "../../lib/forms";
import { toast } from "../../lib/toast";
import { emailField } from "../../lib/validation";
import type { User, UserUpdate } from "../../services/auth";
import { currencyOptions } from "../../lib/currencies";

function profileSchema(currentEmail: string) {
  return z
    .object({
      email: emailField,
      currency: z.string().length(3, "Choose a currency."),
      current_password: z.string(),
    })
    .refine((values) => values.email === currentEmail || values.current_password !== "", {
      path: ["current_password"],
      error: "Enter your current password to change your e-mail.",
    });
}

type ProfileValues = z.infer<ReturnType<typeof profileSchema>>;

export function ProfileForm({ user }: { user: User }) {
  const updateUser = useUpdateCurrentUser();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    control,
    formState: { errors, isSubmitting },
  } = useForm<ProfileValues>({
    resolver: zodResolver(profileSchema(user.email)),
    defaultValues: { email: user.email, currency: user.currency, current_password: "" },
  });
  const emailChanged = useWatch({ control, name: "email" }) !== user.email;

  const onSubmit = handleSubmit(async (values) => {
    const update: UserUpdate = {};
    if (values.email !== user.email) {
      update.email = values.email;
      update.current_password = values.current_password;
    }
    if (values.currency !== user.currency) update.currency = values.currency;
    if (Object.keys(update).length === 0) {
      toast.info("Nothing to save: the profile is unchanged.");
      return;
    }
    try {
      const saved = await updateUser.mutateAsync(update);
      reset({ email: saved.email, currency: saved.currency, current_password: "" });
      toast.success("Profile saved.");
    } catch (error) {
      reportSubmitError(error, setError, ["email", "currency", "current_password"]);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="profile-heading" className="flex flex-col gap-4">
      <h2 id="profile-heading" className="text-lg font-semibold text-slate-900">
        Profile
      </h2>
      <TextField label="E-mail" type="email" autoComplete="email" error={errors.email?.message} {...register("email")} />
      {emailChanged && (
        <TextField
          label="Current password"
          type="password"
          autoComplete="current-password"
          description="Needed to confirm a change of e-mail."
          error={errors.current_password?.message}
          {...register("current_password")}
        />
      )}
      <SelectField
        label="Preferred currency"
        options={currencyOptions(user.currency)}
        error={errors.currency?.message}
        {...register("currency")}
      />
      <div>
        <Button type="submit" busy={isSubmitting}>
          Save profile
        </Button>
      </div>
    </form>
  );
}
