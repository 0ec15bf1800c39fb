import { Agent as PlainAgent, request as plainRequest, type IncomingMessage } from "node:http";
import { Agent as TlsAgent, request as tlsRequest } from "node:https";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

// Connections stay open between calls (as grammY's own agents do), with no idle limit on a
// request under way: a long poll waits for its answer as long as it asks to.
const agents = { plain: new PlainAgent({ keepAlive: true, keepAliveMsecs: 10_000 }), tls: new TlsAgent({ keepAlive: true, keepAliveMsecs: 10_000 }) };
const DECODE: Record<string, (b: Buffer) => Buffer> = { gzip: gunzipSync, deflate: inflateSync, br: brotliDecompressSync };

/** What the bot reads of an HTTP answer: a fetch Response has it too. */
export interface HttpAnswer {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export interface HttpInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** A fetch-style signal (grammY's comes from a polyfill): when it aborts, the request does. */
  signal?: AbortSignal;
  /** Gives up when the connection stays silent this long (the Bot API's calls; the providers use `signal`). */
  timeoutMs?: number;
}

/**
 * The bot's HTTP client for the Bot API and the providers: one request over node:http(s) on keep-alive
 * agents. The global fetch (undici, its WebAssembly parser and web streams) cost a sixth
 * of the bot's CPU in a payment flow for the providers' two small JSON exchanges, and grammY's
 * node-fetch twice this per Bot API call. Like fetch it rejects on a connection error and, with an
 * AbortError, when the signal fires; unlike fetch it follows no redirect: an API answers where it
 * is asked, and a 3xx is an answer to classify like any other.
 */
export const httpClient = (input: string, init: HttpInit): Promise<HttpAnswer> =>
  new Promise<HttpAnswer>((resolve, reject) => {
    const url = new URL(input);
    const body = init.body;
    const headers = { ...init.headers, ...(body !== undefined && { "Content-Length": String(Buffer.byteLength(body)) }) };
    const signal = init.signal;
    // Whatever breaks the exchange once the signal fired (a timeout, a stop) is that abort.
    const fail = (err: Error) => {
      signal?.removeEventListener("abort", abort);
      reject(signal?.aborted ? Object.assign(new Error("the request was aborted"), { name: "AbortError" }) : err);
    };
    if (signal?.aborted) return fail(new Error("aborted before it was sent"));
    const tls = url.protocol === "https:";
    // The request's parts taken from the parsed URL here rather than by node:http from the URL,
    // and the signal watched by one listener rather than node's stream machinery: both cost more
    // allocation per call than the exchange itself (the Bot API is called 14 times per payment).
    const options = {
      method: init.method ?? "GET",
      headers,
      agent: tls ? agents.tls : agents.plain,
      protocol: url.protocol,
      hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
      port: url.port,
      path: url.pathname + url.search,
      ...((url.username !== "" || url.password !== "") && { auth: `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` }),
    };
    const req = (tls ? tlsRequest : plainRequest)(options, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", fail);
      res.on("close", () => {
        if (!res.complete) fail(new Error("the connection closed before the answer was complete"));
      });
      res.on("end", () => {
        signal?.removeEventListener("abort", abort);
        try {
          resolve(new Answer(res, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
        } catch (err) {
          fail(err as Error);
        }
      });
    });
    const abort = () => req.destroy(new Error("aborted"));
    signal?.addEventListener("abort", abort);
    const timeoutMs = init.timeoutMs;
    if (timeoutMs !== undefined) req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", fail);
    req.end(body);
  });

/** An answer read whole; its body decoded as text. */
class Answer implements HttpAnswer {
  readonly status: number;
  private readonly body: string;
  private readonly fields: IncomingMessage["headers"];

  constructor(res: IncomingMessage, raw: Buffer) {
    // We ask for no compression; a server that sends it anyway is still read, as fetch would.
    const decode =
      DECODE[
        String(res.headers["content-encoding"] ?? "")
          .trim()
          .toLowerCase()
      ];
    this.body = (decode ? decode(raw) : raw).toString("utf8");
    this.status = res.statusCode ?? 0;
    this.fields = res.headers;
  }

  get headers(): HttpAnswer["headers"] {
    return { get: (name) => headerValue(this.fields[name.toLowerCase()]) };
  }

  text(): Promise<string> {
    return Promise.resolve(this.body);
  }
}

const headerValue = (v: string | string[] | undefined): string | null => (v === undefined ? null : Array.isArray(v) ? v.join(", ") : v);
