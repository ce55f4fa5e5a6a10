/** One server-sent event: its type ("message" when the server named none) and its data. */
export interface ServerSentEvent {
  event: string;
  data: string;
}

/** The stream sent nothing, not even a keep-alive comment, for longer than allowed. */
export class StreamIdleError extends Error {
  constructor(idleMs: number) {
    super(`The event stream sent nothing for ${idleMs} ms.`);
    this.name = "StreamIdleError";
  }
}

function readWithin<T>(read: Promise<T>, idleMs: number | undefined): Promise<T> {
  if (idleMs === undefined) return read;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const idle = new Promise<never>((_, reject) => {
    timer = setTimeout(() => { reject(new StreamIdleError(idleMs)); }, idleMs);
  });
  return Promise.race([read, idle]).finally(() => { clearTimeout(timer); });
}

/**
 * Parses a text/event-stream body as the HTML standard describes: lines end with CRLF, LF or CR,
 * a blank line dispatches the event, `:` lines are comments (keep-alive pings), and several
 * `data:` lines are joined with newlines. Ends when the stream does or the signal aborts; with
 * `idleMs`, throws StreamIdleError when no bytes at all arrive for that long.
 */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
  idleMs?: number,
): AsyncGenerator<ServerSentEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const cancel = () => { void reader.cancel().catch(() => undefined); };
  signal?.addEventListener("abort", cancel, { once: true });

  let buffer = "";
  let eventType = "";
  let data: string[] = [];

  function* takeLines(final: boolean): Generator<ServerSentEvent> {
    for (;;) {
      const match = /\r\n|\r|\n/.exec(buffer);
      // A lone CR at the end of a chunk may be the first half of a CRLF: wait for more.
      if (match === null || (!final && match[0] === "\r" && match.index === buffer.length - 1)) return;
      const line = buffer.slice(0, match.index);
      buffer = buffer.slice(match.index + match[0].length);
      if (line === "") {
        if (data.length > 0) yield { event: eventType || "message", data: data.join("\n") };
        eventType = "";
        data = [];
        continue;
      }
      if (line.startsWith(":")) continue;
      const colon = line.indexOf(":");
      const field = colon === -1 ? line : line.slice(0, colon);
      let value = colon === -1 ? "" : line.slice(colon + 1);
      if (value.startsWith(" ")) value = value.slice(1);
      if (field === "event") eventType = value;
      else if (field === "data") data.push(value);
    }
  }

  try {
    for (;;) {
      if (signal?.aborted) return;
      const { done, value } = await readWithin(reader.read(), idleMs);
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      yield* takeLines(false);
    }
    buffer += decoder.decode();
    yield* takeLines(true);
  } finally {
    signal?.removeEventListener("abort", cancel);
    // Whatever ended the reading (done, abort, idle, an error), the connection is let go.
    cancel();
  }
}
