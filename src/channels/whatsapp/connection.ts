import { setTimeout as delay } from "node:timers/promises";
import type { WhatsAppClient, WhatsAppMessage } from "./client.js";

export interface ConnectionHandlers {
  /** The client is ready: messages from now on are answered. */
  ready(client: WhatsAppClient, readyAtMs: number): void;
  /** Connected again after a blip (the outbox can go out). */
  connected(): void;
  message(client: WhatsAppClient, msg: WhatsAppMessage): void;
  qr(qr: string): void;
  code(code: string): void;
  /** WhatsApp logged the number out: it must be linked again. */
  loggedOut(): void;
}

export interface ConnectionOptions {
  /** Builds a new client (the real one: after removing a stale profile lock). */
  create(): WhatsAppClient;
  handlers: ConnectionHandlers;
  now(): number;
  /** Waits before a rebuild; resolves at once when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** How often getState() is asked (a network loss may bring no event at all). */
  watchEveryMs: number;
  /** Not CONNECTED for this long: the client is rebuilt. */
  stuckAfterMs: number;
  log(message: string): void;
  /** A client that failed, went silent or was disconnected, and is built again. */
  warn(message: string): void;
}

/** Longer than the gap between two pairing codes (3 minutes), let alone two QR codes. */
const LINKING_SILENCE_MS = 5 * 60_000;

/** How long stopping waits for a browser that is still starting. */
const STOP_WAIT_MS = 15_000;

/** Back-off before the n-th rebuild in a row (n from 1): 5 s, 10 s, 20 s... up to 5 minutes. */
export const backoffMs = (n: number) => Math.min(5_000 * 2 ** (n - 1), 300_000);

/**
 * Keeps one WhatsApp client alive for months. whatsapp-web.js destroys its client on
 * `disconnected`, and a failed `initialize()`, a crashed browser or a network loss leave a dead
 * one: each time a new client is built, after a back-off that grows while it keeps failing.
 */
export class WhatsAppConnection {
  private client: WhatsAppClient | undefined;
  private isConnected = false;
  /** Whether the current client has been ready: before that, its state is about linking, not the connection. */
  private wasReady = false;
  private failures = 0;
  private notConnectedSince: number | undefined;
  /** When the current client last showed it is alive before being ready: launched, a QR or pairing code, authenticated. */
  private lastSign = 0;
  private rebuilding: Promise<void> | undefined;
  /** The current client's initialize(), settled (never rejects). */
  private starting: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly abort = new AbortController();

  constructor(private readonly o: ConnectionOptions) {}

  get connected(): boolean {
    return this.isConnected;
  }

  /** The client while it is connected. */
  get current(): WhatsAppClient | undefined {
    return this.isConnected ? this.client : undefined;
  }

  start(): void {
    this.launch();
    this.timer = setInterval(() => void this.checkState(), this.o.watchEveryMs);
    this.timer.unref();
  }

  /** Destroys the client (closing its browser) and builds no new one. */
  async stop(): Promise<void> {
    this.abort.abort();
    clearInterval(this.timer);
    await this.rebuilding;
    const client = this.client;
    this.client = undefined;
    this.isConnected = false;
    if (client) await this.dispose(client, this.starting);
  }

  /** Closes a client and its browser; one still being launched would be missed by destroy() and outlive us, so its launch is waited for (a little) first. */
  private async dispose(client: WhatsAppClient, starting: Promise<void> | undefined): Promise<void> {
    client.removeAllListeners();
    const waited = new AbortController();
    await Promise.race([starting, delay(STOP_WAIT_MS, undefined, { signal: waited.signal }).catch(() => {})]);
    waited.abort();
    await client.destroy().catch((err: Error) => this.o.log(`whatsapp: destroy: ${err.message}`));
  }

  /**
   * Asks the client where it stands; one that has been anything but CONNECTED (or has not
   * answered) for `stuckAfterMs` is rebuilt. Runs every `watchEveryMs`.
   */
  async checkState(): Promise<void> {
    const client = this.client;
    if (!client || this.rebuilding) return;
    if (!this.isConnected && this.notConnectedSince === undefined) {
      // Not ready yet: linking gives a sign every few seconds (a new QR code) or minutes (a new
      // pairing code); a browser that crashed meanwhile gives none.
      if (this.o.now() - this.lastSign >= LINKING_SILENCE_MS) this.rebuild("gave no sign while linking");
      return;
    }
    const state = await client.getState().catch(() => null);
    if (client !== this.client) return;
    if (state === "CONNECTED") {
      this.notConnectedSince = undefined;
      if (!this.isConnected) {
        this.isConnected = true;
        this.o.handlers.connected();
      }
      return;
    }
    this.isConnected = false;
    this.notConnectedSince ??= this.o.now();
    if (this.o.now() - this.notConnectedSince >= this.o.stuckAfterMs) this.rebuild(`state ${state ?? "unknown"} for too long`);
  }

  private launch(): void {
    const client = this.o.create();
    this.client = client;
    this.wasReady = false;
    const mine = () => client === this.client;
    const sign = () => {
      if (!mine()) return false;
      this.lastSign = this.o.now();
      return true;
    };
    sign();
    client.on("qr", (qr: string) => sign() && this.o.handlers.qr(qr));
    client.on("code", (code: string) => sign() && this.o.handlers.code(code));
    client.on("authenticated", sign);
    client.on("ready", () => {
      if (!mine()) return;
      this.failures = 0;
      this.wasReady = true;
      this.isConnected = true;
      this.notConnectedSince = undefined;
      this.o.log("WhatsApp connected.");
      this.o.handlers.ready(client, this.o.now());
    });
    client.on("change_state", (state: string) => {
      if (!sign() || !this.wasReady) return;
      const was = this.isConnected;
      this.isConnected = state === "CONNECTED";
      if (this.isConnected) this.notConnectedSince = undefined;
      else this.notConnectedSince ??= this.o.now();
      if (this.isConnected && !was) this.o.handlers.connected();
    });
    client.on("disconnected", (reason: string) => {
      if (!mine()) return;
      if (reason === "LOGOUT") this.o.handlers.loggedOut();
      this.rebuild(`disconnected (${reason})`);
    });
    client.on("message", (msg: WhatsAppMessage) => mine() && this.o.handlers.message(client, msg));
    this.starting = client.initialize().catch((err: Error) => void (mine() && this.rebuild(`could not start: ${err.message}`)));
  }

  private rebuild(why: string): void {
    if (this.rebuilding || this.abort.signal.aborted) return;
    const old = this.client;
    const starting = this.starting;
    this.isConnected = false;
    this.notConnectedSince = undefined;
    this.failures++;
    const wait = backoffMs(this.failures);
    this.o.warn(`WhatsApp ${why}: a new client in ${Math.round(wait / 1000)} s.`);
    this.rebuilding = (async () => {
      if (old) await this.dispose(old, starting);
      await this.o.sleep(wait, this.abort.signal);
      if (!this.abort.signal.aborted) this.launch();
    })().finally(() => (this.rebuilding = undefined));
  }
}
