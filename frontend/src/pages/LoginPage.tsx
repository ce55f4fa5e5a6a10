import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useLocation } from "react-router";
import { z } from "zod";
import { AuthLayout } from "../components/AuthLayout";
import { Button } from "../components/Button";
import { FormAlert } from "../components/FormAlert";
import { TextField } from "../components/TextField";
import { TextLink } from "../components/TextLink";
import { useCountdown } from "../hooks/useCountdown";
import type { LoginLocationState } from "../lib/locationState";
import { ApiError } from "../lib/api/errors";
import { reportSubmitError } from "../lib/forms";
import { emailField } from "../lib/validation";
import { login } from "../services/auth";

const loginSchema = z.object({
  email: emailField,
  password: z.string().min(1, "Enter your password."),
});

type LoginValues = z.infer<typeof loginSchema>;

/** Used when the backend gives no Retry-After; the limiter's window is about a minute. */
const DEFAULT_RETRY_SECONDS = 60;

export default function LoginPage() {
  const location = useLocation();
  const notice = (location.state as LoginLocationState | null)?.notice;
  const [formError, setFormError] = useState<string | null>(null);
  const lockout = useCountdown();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<LoginValues>({ resolver: zodResolver(loginSchema), defaultValues: { email: "", password: "" } });

  // On success the token store changes and the guest-only route sends the user on.
  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    try {
      await login(values);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) setFormError("The e-mail or password is incorrect.");
      else if (error instanceof ApiError && error.status === 403) setFormError(error.message);
      else if (error instanceof ApiError && error.status === 429) lockout.start(error.retryAfterSeconds ?? DEFAULT_RETRY_SECONDS);
      else reportSubmitError(error, setError, ["email", "password"]);
    }
  });

  return (
    <AuthLayout
      title="Sign in"
      footer={
        <>
          New to VinylDigger? <TextLink to="/register">Create an account</TextLink>
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
        {notice && formError === null && lockout.remaining === 0 && (
          <p role="status" className="rounded-md bg-indigo-50 px-4 py-3 text-sm text-indigo-950">
            {notice}
          </p>
        )}
        {formError !== null && <FormAlert>{formError}</FormAlert>}
        {lockout.remaining > 0 && <FormAlert>Too many attempts, retry in {lockout.remaining} s.</FormAlert>}
        <TextField label="E-mail" type="email" autoComplete="email" error={errors.email?.message} {...register("email")} />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          error={errors.password?.message}
          {...register("password")}
        />
        <Button type="submit" busy={isSubmitting} disabled={lockout.remaining > 0}>
          Sign in
        </Button>
      </form>
    </AuthLayout>
  );
}
