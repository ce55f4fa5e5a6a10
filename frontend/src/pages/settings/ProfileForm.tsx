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
import { COUNTRIES } from "../../lib/countries";
import { GRADES } from "../searches/searchForm";

const SHIP_TO_OPTIONS = [{ value: "", label: "Not set" }, ...COUNTRIES.map((country) => ({ value: country.code, label: country.name }))];
const GRADE_OPTIONS = [{ value: "", label: "Any grade" }, ...GRADES];

function profileSchema(currentEmail: string) {
  return z
    .object({
      email: emailField,
      currency: z.string().length(3, "Choose a currency."),
      ship_to_country: z.string(),
      min_media_grade: z.union([z.literal(""), z.enum(["M", "NM", "VG+", "VG", "G+", "G", "F", "P"])]),
      current_password: z.string(),
    })
    .refine((values) => values.email === currentEmail || values.current_password !== "", {
      path: ["current_password"],
      error: "Enter your current password to change your e-mail.",
    });
}

type ProfileValues = z.infer<ReturnType<typeof profileSchema>>;

function profileValues(user: User): ProfileValues {
  return {
    email: user.email,
    currency: user.currency,
    ship_to_country: user.ship_to_country ?? "",
    min_media_grade: user.min_media_grade ?? "",
    current_password: "",
  };
}

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
    defaultValues: profileValues(user),
  });
  const emailChanged = useWatch({ control, name: "email" }) !== user.email;

  const onSubmit = handleSubmit(async (values) => {
    const update: UserUpdate = {};
    if (values.email !== user.email) {
      update.email = values.email;
      update.current_password = values.current_password;
    }
    if (values.currency !== user.currency) update.currency = values.currency;
    // An empty choice clears the default (null), which the backend tells apart from "unchanged".
    if (values.ship_to_country !== (user.ship_to_country ?? "")) update.ship_to_country = values.ship_to_country || null;
    if (values.min_media_grade !== (user.min_media_grade ?? "")) update.min_media_grade = values.min_media_grade || null;
    if (Object.keys(update).length === 0) {
      toast.info("Nothing to save: the profile is unchanged.");
      return;
    }
    try {
      const saved = await updateUser.mutateAsync(update);
      reset(profileValues(saved));
      toast.success("Profile saved.");
    } catch (error) {
      reportSubmitError(error, setError, ["email", "currency", "ship_to_country", "min_media_grade", "current_password"]);
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
      <SelectField
        label="Ship to"
        description="Where your records go: new searches check shipping to this country."
        options={SHIP_TO_OPTIONS}
        error={errors.ship_to_country?.message}
        {...register("ship_to_country")}
      />
      <SelectField
        label="Minimum media grade"
        description="New searches start with it, and the basket uses it for wants without their own."
        options={GRADE_OPTIONS}
        error={errors.min_media_grade?.message}
        {...register("min_media_grade")}
      />
      <div>
        <Button type="submit" busy={isSubmitting}>
          Save profile
        </Button>
      </div>
    </form>
  );
}
