import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startHarness } from "../test/support/harness.js";
import { addWhatsApp, numberOf } from "../test/support/whatsapp.js";

/**
 * How many WhatsApp messages one bill payment sends, beside Telegram's figure: the same steps
 * (/bayar, category, product, number, Bayar) through the real WhatsApp channel and its outbox, in
 * this process, with the tests' fake whatsapp-web.js client and the sandbox biller (answering at
 * once, so no "checking" note). WhatsApp has no edits: a changed message is a new one.
 */
export async function whatsappMessagesPerPayment(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "bench-wa-"));
  const h = await startHarness({ dbPath: join(dir, "bot.sqlite") });
  try {
    const wa = await addWhatsApp(h);
    const user = "6281234567890@c.us";
    await wa.say(user, "/start");
    const { id } = h.app.deps.db.prepare("SELECT user_id AS id FROM whatsapp_ids WHERE wa_id = ?").get(user) as { id: number };
    h.app.deps.wallet.post({ userId: id, amount: 1_000_000, kind: "topup", actorId: 1 });
    const before = wa.client.sent.length;
    await wa.say(user, "/bayar");
    await wa.say(user, numberOf(wa, user, "Listrik PLN"));
    await wa.say(user, numberOf(wa, user, "PLN Pascabayar"));
    await wa.say(user, "530000000001");
    await wa.say(user, numberOf(wa, user, "Bayar"));
    if (!wa.lastText(user).includes("Pembayaran berhasil")) throw new Error(`WhatsApp payment did not go through: ${wa.lastText(user)}`);
    return wa.client.sent.length - before;
  } finally {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
