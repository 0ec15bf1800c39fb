import { describe, expect, it } from "vitest";
import { botPerTest } from "../support/bot-per-test.js";
import { addWhatsApp, numberOf, type WhatsAppSide } from "../support/whatsapp.js";

/** A QRIS deposit on WhatsApp: the QR goes as an image (the library's MessageMedia) with its caption. */

const bot = botPerTest();
const BUDI = "6281234567890@c.us";
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function choose(wa: WhatsAppSide, label: string): Promise<void> {
  await wa.say(BUDI, numberOf(wa, BUDI, label));
}

describe("gateway deposits on WhatsApp", () => {
  it("QRIS: the QR is sent as a PNG image with the amount, expiry and choices as its caption; paid, credited and told", async () => {
    const h = await bot.start({ env: { DEPOSIT_GATEWAY: "sandbox" } });
    const wa = await addWhatsApp(h);
    await wa.say(BUDI, "/deposit");
    await choose(wa, "Isi otomatis");
    await choose(wa, "Rp 50.000");
    await choose(wa, "QRIS");

    const d = h.app.deps.db.prepare("SELECT id, user_id AS userId FROM deposits").get() as { id: string; userId: number };
    const sent = wa.client.sent.at(-1)!;
    expect(sent.media).toBeDefined();
    expect(sent.media!.mimetype).toBe("image/png");
    expect(sent.media!.filename).toBe(`${d.id}.png`);
    expect(sent.media!.bytes.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(sent.media!.bytes.length).toBeGreaterThan(500);
    expect(sent.text.split("\n").slice(0, 4)).toEqual([
      "📷 Scan QRIS ini dengan aplikasi bank atau e-wallet.",
      "Bayar tepat: Rp 50.350",
      expect.stringMatching(/^Berlaku sampai: .+ WIB$/),
      `No. isi saldo: ${d.id}`,
    ]);
    expect(sent.text).toMatch(/^1\. 🧪 Bayar sekarang \(sandbox\)$/m);
    // Only the picture carried media; texts went as texts.
    expect(wa.client.sent.filter((s) => s.media)).toHaveLength(1);
    expect(wa.channel.outbox.size()).toBe(0);

    await choose(wa, "Bayar sekarang");
    expect(wa.lastText(BUDI)).toBe(`✅ Isi saldo Rp 50.000 masuk (${d.id}). Saldo kamu sekarang Rp 50.000.`);
    expect(h.balance(d.userId)).toBe(50_000);
  });
});
