import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface HttpRequest {
  headers: IncomingHttpHeaders;
  /** The exact bytes received: signatures are computed over them. */
  body: Buffer;
}

export interface HttpResponse {
  status: number;
  body: string;
  /** Default: text/plain. */
  contentType?: string;
}

/** Answers one request; keyed by "METHOD /path". Must answer fast: slow work goes to the worker. */
export type Route = (req: HttpRequest) => HttpResponse | Promise<HttpResponse>;

export interface HttpServer {
  /** Where this machine reaches the server, e.g. http://127.0.0.1:8080 */
  url: string;
  /** Serves one more route from now on (the Telegram webhook, once its channel starts). */
  route(key: string, route: Route): void;
  close(): Promise<void>;
}

export interface HttpServerOptions {
  port: number;
  /** Default: every interface (behind the operator's reverse proxy); tests use 127.0.0.1. */
  host?: string;
  /** Callbacks are small JSON bodies; anything bigger is refused unread. */
  maxBodyBytes?: number;
  log(message: string): void;
}

/** A bounded body, or undefined when it is larger than `max`. */
async function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  if (Number(req.headers["content-length"] ?? 0) > max) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The bot's HTTP endpoint: `routes` (callbacks, /health, /metrics, the webhook), bounded bodies and time. */
export async function startHttpServer(routes: Record<string, Route>, opts: HttpServerOptions): Promise<HttpServer> {
  const table: Record<string, Route> = { ...routes };
  const paths = new Set(Object.keys(table).map((k) => k.slice(k.indexOf(" ") + 1)));
  const maxBodyBytes = opts.maxBodyBytes ?? 64 * 1024;

  const reply = (res: ServerResponse, { status, body, contentType = "text/plain" }: HttpResponse) => {
    res.writeHead(status, { "Content-Type": `${contentType}; charset=utf-8` });
    res.end(body);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? "/").split("?")[0]!;
    const route = table[`${req.method} ${path}`];
    if (!route) return reply(res, paths.has(path) ? { status: 405, body: "method not allowed" } : { status: 404, body: "not found" });
    const body = await readBody(req, maxBodyBytes);
    if (!body) {
      opts.log(`http: refused a body over ${maxBodyBytes} bytes on ${req.method} ${path}`);
      // The rest of the body is not read: close the connection instead of draining it.
      res.setHeader("Connection", "close");
      return reply(res, { status: 413, body: "body too large" });
    }
    reply(res, await route({ headers: req.headers, body }));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.log(`http: ${req.method} ${req.url} failed: ${(err as Error).stack ?? String(err)}`);
      if (!res.headersSent) reply(res, { status: 500, body: "error" });
      else res.destroy();
    });
  });
  // A sender that trickles bytes must not hold a connection open for minutes.
  server.requestTimeout = 10_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? "127.0.0.1"}:${port}`,
    route(key, route) {
      table[key] = route;
      paths.add(key.slice(key.indexOf(" ") + 1));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
