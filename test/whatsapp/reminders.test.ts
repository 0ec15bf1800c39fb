import { describe, expect, it } from "vitest";
import { billerStandIn } from "../support/biller-stand-in.js";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { ADMIN } from "../support/harness.js";
import { WIB } from "../support/reminders.js";
import { addWhatsApp, numberOf, type WhatsAppSide } from "../support/whatsapp.js";

/**
 * A WhatsApp user's bill reminder: turned on from a numbered menu, sent through the WhatsApp
 * channel (its outbox and pace), paid by answering its number. The bot's clock is the test's.
 */

const clock = new Clock();
const bot = botPerTest({ clock });
const BUDI = "6281234567890@c.us";

const choose = (wa: WhatsAppSide, label: string) => wa.say(BUDI, numberOf(wa, BUDI, label));

describe("a bill reminder on WhatsApp", () => {
  it("is turned on by number, reaches Budi's WhatsApp on its day, and its Bayar pays once", async () => {
    const biller = billerStandIn(clock);
    const h = await bot.start({ provider: biller.provider });
    const wa = await addWhatsApp(h);
    await wa.say(BUDI, "/start");
    const budi = Number((h.app.deps.db.prepare("SELECT user_id FROM whatsapp_ids WHERE wa_id = ?").get(BUDI) as { user_id: number }).user_id);
    h.app.deps.wallet.post({ userId: budi, amount: 1_000_000, kind: "topup", actorId: ADMIN.id });
    await wa.say(BUDI, "/bayar");
    await choose(wa, "Air PDAM");
    await choose(wa, "PDAM");
    await wa.say(BUDI, "1013226");
    await choose(wa, "Bayar");
    await choose(wa, "Simpan nomor ini");
    await wa.say(BUDI, "Rumah");
    await wa.say(BUDI, "/pengingat");
    await choose(wa, "Nyalakan: Rumah");
    expect(wa.lastText(BUDI)).toMatch(/^🔔 Pengingat "Rumah" menyala\./);

    // Through November's run (already paid here) to December's on the 10th.
    for (const end of [WIB("2026-11-26T00:00:00"), WIB("2026-12-11T00:00:00")]) {
      while (clock.now() < end) {
        clock.advance(30 * 60_000);
        await h.app.calendar.tick();
        await wa.channel.idle();
      }
    }
    const reminder = wa.texts(BUDI).find((t) => t.includes("sudah terbit"))!;
    expect(reminder).toMatch(/🔔 Tagihan "Rumah" sudah terbit\nPDAM 1013226 a\.n\. /);
    expect(reminder).toMatch(/\n1\. 💳 Bayar Rp [\d.]+\n2\. 🔕 Berhenti ingatkan/);
    // Nothing of it went to the Telegram side.
    expect(h.outputs.some((o) => o.text.includes("sudah terbit"))).toBe(false);

    const paid = () => (h.app.deps.db.prepare("SELECT COUNT(*) AS n FROM transactions WHERE user_id = ? AND state = 'success'").get(budi) as { n: number }).n;
    const before = paid();
    await choose(wa, "Bayar Rp");
    expect(paid()).toBe(before + 1);
    expect(wa.lastText(BUDI)).toContain("✅ Pembayaran berhasil");
  });
});
