import { join } from "node:path";
import type WAWebJS from "whatsapp-web.js";
import type { OutboxMedia } from "../../db/whatsapp-outbox.js";

/**
 * What the channel uses of whatsapp-web.js's Client, typed from the library's own declarations so
 * an API change fails the type check. Tests drive a fake that implements just this.
 */
export interface WhatsAppClient extends Pick<WAWebJS.Client, "initialize" | "destroy" | "getState" | "sendMessage" | "getContactLidAndPhone"> {
  // The events the channel listens to, with the library's own argument types.
  on(event: "message", listener: (msg: WAWebJS.Message) => void): unknown;
  on(event: "change_state", listener: (state: WAWebJS.WAState) => void): unknown;
  on(event: "disconnected", listener: (reason: WAWebJS.WAState | "LOGOUT") => void): unknown;
  on(event: "qr" | "code", listener: (value: string) => void): unknown;
  on(event: "ready" | "authenticated", listener: () => void): unknown;
  getChatById(chatId: string): Promise<Pick<WAWebJS.Chat, "sendStateTyping">>;
  /** An old client's events must not reach the channel once a new one is built. */
  removeAllListeners(): unknown;
}

export type WhatsAppMessage = WAWebJS.Message;

/**
 * A picture as whatsapp-web.js sends it: its own MessageMedia (sendMessage tells media from text by
 * the class), from the base64 the outbox keeps. The library is loaded by then (the client is).
 */
export async function messageMedia(m: OutboxMedia): Promise<WAWebJS.MessageMedia> {
  const { default: wweb } = await import("whatsapp-web.js");
  return new wweb.MessageMedia(m.mimetype, m.data, m.filename);
}

/** The session's fixed id: its profile lives in `<session dir>/session-<id>`, kept across restarts. */
export const CLIENT_ID = "tagihan-bot";

export const profileDir = (sessionDir: string) => join(sessionDir, `session-${CLIENT_ID}`);

export interface ClientOptions {
  chromiumPath: string;
  sessionDir: string;
  /** Link with a pairing code for this number (62…) instead of a QR code. */
  pairingNumber?: string | undefined;
}

/** Chromium's flags: headless as root needs the sandbox off; containers have a tiny /dev/shm. */
export function browserArgs(isRoot = process.getuid?.() === 0): string[] {
  return [...(isRoot ? ["--no-sandbox", "--disable-setuid-sandbox"] : []), "--disable-dev-shm-usage", "--no-first-run"];
}

/**
 * The builder of real clients: the system Chromium, headless, with the session and the
 * web-version cache under the session dir. whatsapp-web.js (with puppeteer, about 27 MB of RSS)
 * is loaded here, when the WhatsApp channel starts, so a bot without WhatsApp never carries it.
 */
export async function loadWhatsAppClients(opts: ClientOptions): Promise<() => WhatsAppClient> {
  const { default: wweb } = await import("whatsapp-web.js");
  return () =>
    new wweb.Client({
      authStrategy: new wweb.LocalAuth({ clientId: CLIENT_ID, dataPath: opts.sessionDir }),
      webVersionCache: { type: "local", path: join(opts.sessionDir, "web-cache") },
      puppeteer: { executablePath: opts.chromiumPath, headless: true, args: browserArgs() },
      // After a few unscanned QR codes the client gives up and is rebuilt after a back-off: admins
      // get a handful of pictures per attempt, not one every 20 seconds for ever.
      qrMaxRetries: 5,
      ...(opts.pairingNumber ? { pairWithPhoneNumber: { phoneNumber: opts.pairingNumber, showNotification: true, intervalMs: 180_000 } } : {}),
    });
}
