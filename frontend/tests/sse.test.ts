import { describe, expect, it } from "vitest";
import { readServerSentEvents, StreamIdleError, type ServerSentEvent } from "../src/lib/sse";

function streamOf(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

async function collect(chunks: string[]): Promise<ServerSentEvent[]> {
  const events: ServerSentEvent[] = [];
  for await (const event of readServerSentEvents(streamOf(chunks))) events.push(event);
  return events;
}

describe("server-sent events", () => {
  it("reads events split anywhere across chunks, with CRLF, LF or CR line endings", async () => {
    const text = "event: run\r\ndata: {\"id\":1}\r\n\r\n: ping\n\nevent: run\ndata: {\"id\":2}\n\nevent: run\rdata: {\"id\":3}\r\r";
    const expected = [1, 2, 3].map((id) => ({ event: "run", data: `{"id":${id}}` }));
    expect(await collect([text])).toEqual(expected);
    // Every split point, including between the CR and LF of a CRLF.
    for (let cut = 1; cut < text.length; cut += 1) {
      expect(await collect([text.slice(0, cut), text.slice(cut)])).toEqual(expected);
    }
  });

  it("joins data lines, defaults the type to message and skips events without data", async () => {
    const events = await collect(["data: first\ndata:second\n\nevent: empty\n\nevent: run\ndata\n\n"]);
    expect(events).toEqual([
      { event: "message", data: "first\nsecond" },
      { event: "run", data: "" },
    ]);
  });

  it("dispatches nothing for an event the stream did not finish", async () => {
    expect(await collect(["event: run\ndata: {\"id\":1}\n"])).toEqual([]);
  });

  it("stops reading when aborted", async () => {
    const controller = new AbortController();
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(stream) {
        stream.enqueue(encoder.encode("data: one\n\n"));
      },
    });
    const events: string[] = [];
    for await (const event of readServerSentEvents(body, controller.signal)) {
      events.push(event.data);
      controller.abort();
    }
    expect(events).toEqual(["one"]);
  });
});

describe("server-sent events: a silent stream", () => {
  it("gives up when nothing arrives for too long, but not while pings keep coming", async () => {
    const encoder = new TextEncoder();
    let push: ((text: string) => void) | undefined;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        push = (text) => { controller.enqueue(encoder.encode(text)); };
        push("event: run\ndata: first\n\n");
      },
      cancel() {
        cancelled = true;
      },
    });
    const seen: string[] = [];
    const pings = setInterval(() => push?.(": ping\n\n"), 20);
    setTimeout(() => { clearInterval(pings); }, 150);

    const started = Date.now();
    const reading = (async () => {
      for await (const event of readServerSentEvents(body, undefined, 80)) seen.push(event.data);
    })();

    await expect(reading).rejects.toBeInstanceOf(StreamIdleError);
    // The pings kept it open for 150 ms although the limit is 80 ms of silence.
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    expect(seen).toEqual(["first"]);
    expect(cancelled).toBe(true);
  });
});
