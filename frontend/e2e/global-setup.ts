import { startStack } from "./stack";

/** Starts the sandbox and the app; the function returned stops them after the last test. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const stack = await startStack();
  process.once("exit", stack.kill);
  process.env.E2E_APP_URL = stack.appUrl;
  process.env.E2E_SANDBOX_URL = stack.sandboxUrl;
  process.env.E2E_MAILDIR = stack.maildir;
  return async () => {
    await stack.stop();
    process.off("exit", stack.kill);
  };
}
