import { request as plainRequest, type IncomingMessage } from "node:http";
import { request as tlsRequest } from "node:https";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import type { FetchLike, HttpAnswer } from "./http.js";

const DECODE: Record<string, (b: Buffer) => Buffer> = { gzip: gunzipSync, deflate: inflateSync, br: brotliDecompressSync };

/**
 * The providers' HTTP client: one request over node:http(s) on Node's keep-alive agents. The
 * global fetch (undici, its WebAssembly parser and web streams) cost a sixth of the bot's CPU in a
 * payment flow, for two small JSON exchanges. Like fetch it rejects on a connection error and, with
 * an AbortError, when the signal (the timeout) fires; unlike fetch it follows no redirect: a
 * provider's API answers where it is asked, and a 3xx is an answer to classify like any other.
 */
export const httpClient: FetchLike = (input, init) =>
  new Promise<HttpAnswer>((resolve, reject) => {
    const url = new URL(input);
    const body = typeof init.body === "string" ? init.body : undefined;
    const headers = { ...(init.headers as Record<string, string> | undefined), ...(body !== undefined && { "Content-Length": String(Buffer.byteLength(body)) }) };
    // Whatever breaks the exchange once the timeout fired is the timeout.
    const fail = (err: Error) => reject(init.signal?.aborted ? Object.assign(new Error("the request timed out"), { name: "AbortError" }) : err);
    const send = url.protocol === "https:" ? tlsRequest : plainRequest;
    const req = send(url, { method: init.method ?? "GET", headers, signal: init.signal ?? undefined }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", fail);
      res.on("close", () => {
        if (!res.complete) fail(new Error("the connection closed before the answer was complete"));
      });
      res.on("end", () => {
        try {
          resolve(answer(res, Buffer.concat(chunks)));
        } catch (err) {
          fail(err as Error);
        }
      });
    });
    req.on("error", fail);
    req.end(body);
  });

function answer(res: IncomingMessage, raw: Buffer): HttpAnswer {
  // We ask for no compression; a server that sends it anyway is still read, as fetch would.
  const decode = DECODE[String(res.headers["content-encoding"] ?? "").trim().toLowerCase()];
  const text = (decode ? decode(raw) : raw).toString("utf8");
  return {
    status: res.statusCode ?? 0,
    headers: { get: (name) => headerValue(res.headers[name.toLowerCase()]) },
    text: async () => text,
  };
}

const headerValue = (v: string | string[] | undefined): string | null => (v === undefined ? null : Array.isArray(v) ? v.join(", ") : v);
