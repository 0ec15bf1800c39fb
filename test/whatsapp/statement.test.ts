import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { botPerTest } from "../support/bot-per-test.js";
import { addWhatsApp, numberOf } from "../support/whatsapp.js";

/** /mutasi on WhatsApp: periods and pages answered by number, the CSV sent as a document (media). */

const bot = botPerTest();
const BUDI = "6281234567890@c.us";

describe("the balance statement on WhatsApp", () => {
  it("pages by number and sends the CSV as a document", async () => {
    const h = await bot.start();
    const wa = await addWhatsApp(h);
    await wa.say(BUDI, "halo");
    const userId = (h.app.deps.db.prepare("SELECT id FROM users WHERE channel = 'whatsapp'").get() as { id: number }).id;
    for (let i = 1; i <= 12; i++) h.app.deps.wallet.post({ userId, amount: 1000 * i, kind: "topup", actorId: 1 });

    await wa.say(BUDI, "/mutasi");
    await wa.say(BUDI, numberOf(wa, BUDI, "Hari ini"));
    expect(wa.lastText(BUDI)).toMatch(/^📒 Mutasi saldo .+ \(WIB\) · halaman 1\/2$/m);
    expect(wa.lastText(BUDI)).toContain("10. ");
    await wa.say(BUDI, numberOf(wa, BUDI, "Berikutnya"));
    expect(wa.lastText(BUDI)).toMatch(/halaman 2\/2/);
    expect(wa.lastText(BUDI)).toContain("12. ");
    expect(wa.lastText(BUDI)).toContain("Saldo akhir: Rp 78.000");
    await wa.say(BUDI, numberOf(wa, BUDI, "Unduh CSV"));

    const sent = wa.client.sent.at(-1)!;
    expect(sent.media?.mimetype).toBe("text/csv");
    expect(sent.media?.filename).toMatch(/^mutasi-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    expect(sent.text).toMatch(/^📄 Mutasi saldo .+ \(WIB\): 12 baris\.$/);
    const rows = parse(sent.media!.bytes, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.jumlah, r.saldo_setelah])).toEqual(
      Array.from({ length: 12 }, (_, i) => [String(1000 * (i + 1)), String(500 * (i + 1) * (i + 2))]),
    );
  });
});
