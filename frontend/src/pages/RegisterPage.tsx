import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import { useNavigate } from "react-router";
import { z } from "zod";
import { AuthLayout } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { TextField } from "../components/TextField";
import { TextLink } from "../components/TextLink";
import { ApiError } from "../lib/api/errors";
import { reportSubmitError } from "../lib/forms";
import { emailField, newPasswordField, passwordRuleDescription } from "../lib/validation";
import { login, register as registerAccount } from "../services/auth";
import type { LoginLocationState } from "../lib/locationState";

const registerSchema = z
  .object({
    email: emailField,
    password: newPasswordField,
    confirmPassword: z.string(),
  })
  .refine((values) => values.password === values.confirmPassword, {
    path: ["confirmPassword"],
    error: "The passwords do not match.",
  });

type RegisterValues = z.infer<typeof registerSchema>;

export default function RegisterPage() {
  const navigate = useNavigate();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<RegisterValues>({
    resolver: zodResolver(registerSchema),
    defaultValues: { email: "", password: "", confirmPassword: "" },
  });

  const onSubmit = handleSubmit(async ({ email, password }) => {
    try {
      await registerAccount({ email, password });
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setError("email", { type: "server", message: error.message }, { shouldFocus: true });
      } else {
        reportSubmitError(error, setError, ["email", "password"]);
      }
      return;
    }
    try {
      // Signing in straight away spares the user typing the password twice more.
      await login({ email, password });
    } catch {
      const state: LoginLocationState = { notice: "Your account is ready. Sign in to continue." };
      await navigate("/login", { state });
    }
  });

  return (
    <AuthLayout
      title="Create your account"
      footer={
        <>
          Already have an account? <TextLink to="/login">Sign in</TextLink>
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        <TextField label="E-mail" type="email" autoComplete="email" error={errors.email?.message} {...register("email")} />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          description={passwordRuleDescription}
          error={errors.password?.message}
          {...register("password")}
        />
        <TextField
          label="Repeat password"
          type="password"
          autoComplete="new-password"
          error={errors.confirmPassword?.message}
          {...register("confirmPassword")}
        />
        <Button type="submit" busy={isSubmitting}>
          Create account
        </Button>
      </form>
    </AuthLayout>
  );
}
