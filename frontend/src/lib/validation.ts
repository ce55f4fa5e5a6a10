import { z } from "zod";

/** The backend rejects shorter passwords; checking here saves a round trip. */
export const MIN_PASSWORD_LENGTH = 10;

export const emailField = z.email("Enter a valid e-mail address.");

export const newPasswordField = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`);

export const passwordRuleDescription = `At least ${MIN_PASSWORD_LENGTH} characters, and not easy to guess.`;
