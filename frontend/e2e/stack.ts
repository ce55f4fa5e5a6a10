import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** The sandbox marketplace and the embedded app, started on free ports for one test run. */
export interface Stack {
  appUrl: string;
  sandboxUrl: string;
  /** Where the SMTP server the app sends alerts through keeps what it receives (a Maildir). */
  maildir: string;
  logDir: string;
  /** Stops both processes and removes the data directory. */
  stop: () => Promise<void>;
  /** Kills what still runs at once, for a runner that exits without calling stop. */
  kill: () => void;
}

export interface SandboxUser {
  username: string;
  country: string;
  postal_code: string;
  discogs_consumer_key: string;
  discogs_consumer_secret: string;
  ebay_client_id: string;
  ebay_client_secret: string;
}

export interface SandboxInfo {
  settings: { size: string; port: number };
  users: SandboxUser[];
}

const VINYLDIGGER = resolve(import.meta.dirname, "../../backend/.venv/bin/vinyldigger");
export const PYTHON = resolve(import.meta.dirname, "../../backend/.venv/bin/python");
const WEB_DIR = resolve(import.meta.dirname, "../dist");
export const LOG_DIR = join(import.meta.dirname, "logs");
const DISCOGS_WINDOW_SECONDS = 10;

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => { done(port); });
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** Starts a command in its own process group, its output in LOG_DIR/<name>.log. */
function start(name: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, command = VINYLDIGGER): ChildProcess {
  const log = openSync(join(LOG_DIR, `${name}.log`), "w");
  // Run in the data directory, so that no .env file of the checkout is read.
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", log, log] });
  child.on("error", () => undefined);
  return child;
}

function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || !running(child)) return;
  const group = -child.pid;
  const exited = new Promise((done) => child.once("exit", done));
  try {
    process.kill(group, "SIGTERM");
  } catch {
    return;
  }
  const timeout = sleep(10_000).then(() => "timeout");
  if ((await Promise.race([exited, timeout])) === "timeout") {
    try {
      process.kill(group, "SIGKILL");
    } catch {
      /* already gone */
    }
  }
}

/** Polls `url` until it answers 2xx; fails early when the process serving it has exited. */
async function waitFor(url: string, child: ChildProcess, name: string, seconds: number): Promise<Response> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    if (!running(child)) throw new Error(`${name} exited early; see ${join(LOG_DIR, `${name}.log`)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
      if (response.ok) return response;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${name} did not answer ${url} within ${seconds} s`);
    await sleep(250);
  }
}

/**
 * Every upstream address setting (Discogs, eBay, ECB rates), as `vinyldigger sandbox-env` maps
 * them from the sandbox's /sandbox/info: the same mapping `make demo` uses, tested to leave none
 * at its real default. Checked again here, so that no run of the journey reaches the real sites.
 */
function upstreamEnvironment(sandboxUrl: string): Record<string, string> {
  const output = execFileSync(VINYLDIGGER, ["sandbox-env", "--sandbox-url", sandboxUrl], {
    env: baseEnvironment(),
    encoding: "utf8",
  });
  const upstream = JSON.parse(output) as Record<string, string>;
  const outside = Object.entries(upstream).filter(([, url]) => !url.startsWith(`${sandboxUrl}/`));
  if (outside.length > 0) throw new Error(`Upstream settings outside the sandbox: ${JSON.stringify(outside)}`);
  return upstream;
}

/** What `vinyldigger demo-setup` writes, plus a fresh data directory and short search runs. */
function appEnvironment(info: SandboxInfo, sandboxUrl: string, dataDir: string, webDir: string, port: number, smtpPort: number): NodeJS.ProcessEnv {
  const demo = info.users.find((user) => user.username === "demo");
  if (!demo) throw new Error("The sandbox has no user 'demo'");
  return {
    VINYLDIGGER_DATA_DIR: dataDir,
    VINYLDIGGER_WEB_DIR: webDir,
    VINYLDIGGER_PORT: String(port),
    ...upstreamEnvironment(sandboxUrl),
    VINYLDIGGER_DISCOGS_CONSUMER_KEY: demo.discogs_consumer_key,
    VINYLDIGGER_DISCOGS_CONSUMER_SECRET: demo.discogs_consumer_secret,
    VINYLDIGGER_DISCOGS_RATE_LIMIT_PER_MINUTE: "6000",
    // The same short window as the sandbox's, so that a lowered limit holds runs back for
    // seconds, not a minute.
    VINYLDIGGER_DISCOGS_RATE_WINDOW_SECONDS: String(DISCOGS_WINDOW_SECONDS),
    VINYLDIGGER_SEARCH_MAX_SELLERS: "8",
    VINYLDIGGER_INVENTORY_MAX_PAGES: "1",
    // The companion's scan sends every wanted listing at once: read them in one pass, not 25
    // every 30 s.
    VINYLDIGGER_IMPORT_READ_BATCH: "5000",
    // Alert e-mails go to the stack's own SMTP server, and their links back to this app.
    VINYLDIGGER_SMTP_HOST: "127.0.0.1",
    VINYLDIGGER_SMTP_PORT: String(smtpPort),
    VINYLDIGGER_SMTP_STARTTLS: "false",
    VINYLDIGGER_SMTP_FROM: "alerts@vinyldigger.test",
    VINYLDIGGER_PUBLIC_URL: `http://127.0.0.1:${String(port)}`,
    AUTHLIB_INSECURE_TRANSPORT: "1",
  };
}

function baseEnvironment(): NodeJS.ProcessEnv {
  // Only what a process needs to run: no VINYLDIGGER_*, DATABASE_URL or REDIS_URL of the shell.
  const keep = ["PATH", "HOME", "LANG", "TZ", "TMPDIR"];
  return Object.fromEntries(keep.filter((key) => process.env[key] !== undefined).map((key) => [key, process.env[key]]));
}

/** A copy of the built app, so that a rebuild while the tests run does not pull chunks away. */
function copyWebApp(dataDir: string): string {
  const webDir = join(dataDir, "web");
  if (!existsSync(join(WEB_DIR, "index.html"))) throw new Error(`${WEB_DIR} has no build of the app: run 'make e2e'`);
  cpSync(WEB_DIR, webDir, { recursive: true });
  return webDir;
}

export async function startStack(): Promise<Stack> {
  mkdirSync(LOG_DIR, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), "vinyldigger-e2e-"));
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(children.map(stopProcess));
    rmSync(dataDir, { recursive: true, force: true });
  };
  const kill = () => {
    for (const child of children) {
      if (child.pid !== undefined && running(child)) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          /* already gone */
        }
      }
    }
  };
  try {
    const sandboxPort = await freePort();
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
    const sandbox = start(
      "sandbox",
      [
        "sandbox", "--host", "127.0.0.1", "--port", String(sandboxPort), "--size", "small", "--discogs-rate-limit", "6000",
        // Today's world, so its exchange rates are today's and the app shows no stale-rates notice.
        "--start-date", new Date().toISOString().slice(0, 10),
      ],
      dataDir,
      baseEnvironment(),
    );
    children.push(sandbox);
    const info = (await (await waitFor(`${sandboxUrl}/sandbox/info`, sandbox, "sandbox", 60)).json()) as SandboxInfo;
    if (info.settings.size !== "small" || info.settings.port !== sandboxPort) {
      throw new Error(`Port ${sandboxPort} answers for another sandbox`);
    }
    // Discogs counts over 60 s; a 10 s window lets the journey lower the limit and see a run
    // wait for it without waiting a minute.
    const windowSet = await fetch(`${sandboxUrl}/sandbox/settings`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ discogs_rate_window_seconds: DISCOGS_WINDOW_SECONDS }),
    });
    if (!windowSet.ok) throw new Error(`The sandbox refused its rate window: ${String(windowSet.status)}`);

    // A real SMTP server (aiosmtpd) that files every message it accepts in a Maildir.
    const maildir = join(dataDir, "mail");
    const smtpPort = await freePort();
    const smtp = start(
      "smtp",
      ["-m", "aiosmtpd", "-n", "-l", `127.0.0.1:${String(smtpPort)}`, "-c", "aiosmtpd.handlers.Mailbox", maildir],
      dataDir,
      baseEnvironment(),
      PYTHON,
    );
    children.push(smtp);

    const webDir = copyWebApp(dataDir);
    const appPort = await freePort();
    const appUrl = `http://127.0.0.1:${appPort}`;
    const app = start("app", ["run", "--host", "127.0.0.1", "--port", String(appPort)], dataDir, {
      ...baseEnvironment(),
      ...appEnvironment(info, sandboxUrl, dataDir, webDir, appPort, smtpPort),
    });
    children.push(app);
    await waitFor(`${appUrl}/health/ready`, app, "app", 90);
    return { appUrl, sandboxUrl, maildir, logDir: LOG_DIR, stop, kill };
  } catch (error) {
    await stop();
    throw error;
  }
}
