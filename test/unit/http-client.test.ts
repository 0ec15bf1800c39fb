import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { send } from "../../src/providers/http.js";

/** A provider stand-in on 127.0.0.1 answering each request with `handle`; it records what it got. */
async function provider(handle: (req: IncomingMessage, body: string, res: ServerResponse) => void) {
  const got: { method?: string; url?: string; headers: IncomingMessage["headers"]; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString("utf8")));
    req.on("end", () => {
      got.push({ method: req.method, url: req.url, headers: req.headers, body });
      handle(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  opened.push(close);
  return { url, got, close };
}
const opened: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c()));
});

describe("send over the providers' HTTP client", () => {
  it("posts the body with its length and headers, and reads status, body and content type", async () => {
    const p = await provider((_req, body, res) => {
      res.writeHead(201, { "Content-Type": "application/json", Signature: "abc" });
      res.end(JSON.stringify({ echo: JSON.parse(body) }));
    });
    const body = JSON.stringify({ name: "Bayu Ñ" });
    const res = await send({ method: "POST", url: `${p.url}/v1/transaction?x=1`, headers: { "Content-Type": "application/json" }, body, timeoutMs: 5_000 });
    expect(res).toEqual({ kind: "response", status: 201, body: JSON.stringify({ echo: { name: "Bayu Ñ" } }), contentType: "application/json" });
    expect(p.got[0]).toMatchObject({ method: "POST", url: "/v1/transaction?x=1", body });
    expect(p.got[0]!.headers["content-length"]).toBe(String(Buffer.byteLength(body)));
  });

  it("reads a gzipped answer a server sends unasked, and hands back an error status as an answer", async () => {
    const p = await provider((req, _body, res) => {
      if (req.url === "/gz") {
        res.writeHead(200, { "Content-Encoding": "gzip", "Content-Type": "application/json" });
        res.end(gzipSync('{"data":{"rc":"00"}}'));
      } else {
        res.writeHead(503, { "Content-Type": "text/html" });
        res.end("<html>busy</html>");
      }
    });
    expect(await send({ method: "GET", url: `${p.url}/gz`, timeoutMs: 5_000 })).toMatchObject({ kind: "response", status: 200, body: '{"data":{"rc":"00"}}' });
    expect(await send({ method: "GET", url: `${p.url}/busy`, timeoutMs: 5_000 })).toEqual({
      kind: "response",
      status: 503,
      body: "<html>busy</html>",
      contentType: "text/html",
    });
  });

  it("is unknown when the provider does not answer in time, or half-answers and hangs", async () => {
    const p = await provider((req, _body, res) => {
      if (req.url === "/half") {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.write('{"data":');
      }
    });
    expect(await send({ method: "POST", url: `${p.url}/silent`, body: "{}", timeoutMs: 50 })).toEqual({ kind: "unknown", reason: "timeout" });
    expect(await send({ method: "POST", url: `${p.url}/half`, body: "{}", timeoutMs: 50 })).toEqual({ kind: "unknown", reason: "timeout" });
  });

  it("is unknown when the connection fails or drops mid-answer", async () => {
    const p = await provider((_req, _body, res) => {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write('{"data":');
      res.socket?.destroy();
    });
    expect(await send({ method: "POST", url: `${p.url}/drop`, body: "{}", timeoutMs: 5_000 })).toMatchObject({
      kind: "unknown",
      reason: expect.stringMatching(/^connection error/),
    });
    await p.close();
    expect(await send({ method: "POST", url: `${p.url}/gone`, body: "{}", timeoutMs: 5_000 })).toMatchObject({
      kind: "unknown",
      reason: expect.stringMatching(/^connection error/),
    });
  });
});
