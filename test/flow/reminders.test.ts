import { describe, expect, it } from "vitest";
import { ledgerKinds } from "../support/books.js";
import { billerStandIn } from "../support/biller-stand-in.js";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { SARI } from "../support/harness.js";
import { fundSari, payBill, payPln } from "../support/pay.js";
import { startDigiflazzStub } from "../stubs/digiflazz-server.js";
import { digiflazzEnv } from "../support/provider-env.js";
import { calendarRunner, HOUR, saveAndRemind, WIB } from "../support/reminders.js";

/**
 * The bill calendar through the real bot, on the test's clock: saved bills whose reminder is on
 * are asked of the biller on their day, inside the allowed hours; a bill comes to the user with a
 * one-tap Bayar that inquires again and pays once.
 */

const clock = new Clock();
const bot = botPerTest({ clock });
/** Starts the bot on the stand-in biller, with the calendar run on the test's clock. */
async function start(env: Record<string, string> = {}) {
  const biller = billerStandIn(clock);
  const h = await bot.start({ provider: biller.provider, env });
  return { h, biller, ...calendarRunner(h, clock) };
}

describe("a saved PLN bill", () => {
  it("is reminded on its day and paid with one press, which asks the biller again and charges once", async () => {
    const { h, biller, sent, runTo } = await start();
    await fundSari(h);
    await payPln(h, "530000000001");
    const lastBill = h.app.deps.payments.txs.byUser(SARI.id, 1)[0]!.bill.billAmount;
    await saveAndRemind(h, "Rumah");
    expect(h.lastText()).toMatch(/^🔔 Pengingat "Rumah" menyala\. Dicek pertama kali \d+ November 2026\./);
    expect(h.lastText()).toContain("Rumah – PLN Pascabayar 530000000001\n🔔 Menyala: dicek tiap tanggal 5");
    expect(h.lastText()).toContain("Tidak ada pesan pukul 21.00-07.00 WIB.");

    // Turned on after the 5th: November's bill is asked at once (the next allowed moment); it is
    // the one Sari just paid here, so she is told it is paid, and December's reminder waits.
    await runTo(WIB("2026-11-25T00:00:00"));
    expect(sent.map((s) => s.text)).toEqual([
      '✅ Tagihan "Rumah" (PLN Pascabayar 530000000001) bulan ini sudah dibayar. Pengingat berikutnya: 5 Desember 2026.',
    ]);

    // December: nothing until the 5th, then the bill, once, inside the allowed hours.
    const before = biller.inquiries.length;
    await runTo(WIB("2026-12-05T00:00:00"), HOUR);
    expect(biller.inquiries.length).toBe(before);
    await runTo(WIB("2026-12-06T00:00:00"));
    const reminder = sent.at(-1)!;
    expect(sent).toHaveLength(2);
    expect(reminder.at).toBeGreaterThanOrEqual(WIB("2026-12-05T07:00:00"));
    expect(reminder.at).toBeLessThan(WIB("2026-12-05T21:00:00"));
    expect(reminder.text).toMatch(/^🔔 Tagihan "Rumah" sudah terbit\nPLN Pascabayar 530000000001 a\.n\. [A-Z ]+\nPeriode: November 2026\n/);
    expect(reminder.text).toContain(`Tagihan terakhir yang dibayar di sini: Rp ${lastBill.toLocaleString("id-ID")} (23 November 2026)`);
    expect(reminder.text).not.toContain("⚠️");
    expect(reminder.text).toContain("Tekan Bayar: tagihan dicek lagi ke biller, lalu dibayar dari saldo.");
    const price = Number(/Total bayar \(dengan biaya admin\): Rp ([\d.]+)/.exec(reminder.text)![1]!.replaceAll(".", ""));
    expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual([`💳 Bayar Rp ${price.toLocaleString("id-ID")}`, "🔕 Berhenti ingatkan"]);

    // The press, the next morning: asked again, paid without a second press, charged once.
    await runTo(WIB("2026-12-06T09:00:00"), HOUR);
    const balance = h.balance();
    const asked = biller.inquiries.length;
    await h.tap("Bayar Rp");
    expect(biller.inquiries.length).toBe(asked + 1);
    const tx = h.app.deps.payments.txs.byUser(SARI.id, 1)[0]!;
    expect(tx.state).toBe("success");
    expect(tx.price).toBe(price);
    expect(ledgerKinds(h.app.deps.db, tx.id)).toEqual(["charge"]);
    expect(h.balance()).toBe(balance - price);
    // The summary of the bill asked again, without buttons (the press was the Bayar), then the receipt.
    const [summary, underWay, receipt] = h.outputs.filter((o) => o.chatId === SARI.id).slice(-3);
    expect(summary).toMatchObject({ kind: "message", buttons: [] });
    expect(summary!.text).toMatch(/^🧾 Tagihan PLN Pascabayar\n[\s\S]*Total bayar: Rp /);
    expect(underWay!.text).toBe("⏳ Pembayaran sedang diproses…");
    expect(receipt!.text).toMatch(/^✅ Pembayaran berhasil\n/);

    await h.send("/tagihanku");
    expect(h.lastText()).toBe(
      "🗓 Tagihan bulan ini (Desember 2026)\n\n1. Rumah – PLN Pascabayar 530000000001\n   ✅ Sudah dibayar 6 Desember 2026\n\nNyalakan atau matikan pengingat dengan /pengingat.",
    );
  });

  it("on Digiflazz (the stand-in built from its documents): the reminder's inquiry, then at the press one more inquiry and one pay-pasca", async () => {
    const stub = await startDigiflazzStub();
    try {
      const h = await bot.start({ env: digiflazzEnv(stub) });
      const { sent, runTo } = calendarRunner(h, clock);
      await fundSari(h);
      // Saved before (seeded, as the sandbox's November payment would not be the stand-in's).
      h.app.deps.favorites.save(SARI.id, "pln-pascabayar", { customerNo: "530000000001" }, "Rumah");
      await h.send("/pengingat");
      await h.tap("Nyalakan: Rumah");
      await runTo(WIB("2026-12-06T00:00:00"), 30 * 60_000);
      const inquiries = () => stub.calls.filter((c) => c.command === "inq-pasca").length;
      const reminders = sent.filter((m) => m.text.includes("sudah terbit"));
      // Turned on after the 5th: November's bill right away; still unpaid on 5 December, once more.
      expect(reminders.map((m) => new Date(m.at + 7 * HOUR).toISOString().slice(0, 10))).toEqual([expect.stringMatching(/^2026-11-2[34]$/), "2026-12-05"]);
      expect(reminders[1]!.text).toContain("PLN Pascabayar 530000000001");
      const asked = inquiries();
      await h.tap("Bayar Rp");
      expect(inquiries()).toBe(asked + 1);
      const pays = stub.calls.filter((c) => c.command === "pay-pasca");
      expect(pays).toHaveLength(1);
      const tx = h.app.deps.payments.txs.byUser(SARI.id, 1)[0]!;
      expect(pays[0]!.body.ref_id).toBe(tx.id);
      expect(tx.state).toBe("success");
      expect(ledgerKinds(h.app.deps.db, tx.id)).toEqual(["charge"]);
      expect(h.lastText()).toContain("✅ Pembayaran berhasil");
    } finally {
      await stub.close();
    }
  });

  it("shows the summary with Bayar again when the bill changed since the reminder, and charges nothing before that press", async () => {
    const { h, biller, runTo } = await start();
    await fundSari(h);
    await payPln(h, "530000000001");
    await saveAndRemind(h, "Rumah");
    await runTo(WIB("2026-12-06T00:00:00"), 30 * 60_000);
    const balance = h.balance();
    biller.factor("530000000001", 1.1);
    await h.tap("Bayar Rp");
    expect(h.lastText()).toContain("🧾 Tagihan PLN");
    expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual(["✅ Bayar", "✖️ Batal"]);
    expect(h.balance()).toBe(balance);
    await h.tap("Bayar");
    expect(h.lastText()).toContain("✅ Pembayaran berhasil");
  });
});

describe("a bill not yet published", () => {
  it("is asked again days later, within the tries, and reminded once it is out; /tagihanku says where it stands", async () => {
    const { h, biller, sent, runTo } = await start();
    await fundSari(h);
    await payBill(h, "Air PDAM", "PDAM", "1013226");
    await saveAndRemind(h, "Kantor");
    await runTo(WIB("2026-12-01T00:00:00"), HOUR);
    const paidNotice = sent.length;
    biller.answer("1013226", "no-bill");
    await runTo(WIB("2026-12-11T00:00:00"), 30 * 60_000);
    expect(biller.count("1013226", WIB("2026-12-01T00:00:00"))).toBe(1);
    expect(sent).toHaveLength(paidNotice);
    await h.send("/tagihanku");
    expect(h.lastText()).toContain("1. Kantor – PDAM 1013226\n   ⏳ Belum terbit, dicek lagi 12 Desember 2026");

    biller.answer("1013226", "bill");
    await runTo(WIB("2026-12-13T00:00:00"), 30 * 60_000);
    expect(biller.count("1013226", WIB("2026-12-01T00:00:00"))).toBe(2);
    expect(sent.at(-1)!.text).toMatch(/^🔔 Tagihan "Kantor" sudah terbit/);
    expect(sent.at(-1)!.at).toBeGreaterThanOrEqual(WIB("2026-12-12T07:00:00"));
    await h.send("/tagihanku");
    expect(h.lastText()).toMatch(/1\. Kantor – PDAM 1013226\n {3}🧾 Belum dibayar: Rp [\d.]+/);
    expect(h.lastKeyboard()!.buttons.map((b) => b.text)[0]).toMatch(/^💳 Bayar Kantor: Rp /);
  });

  it("gives up for the month after REMINDER_MAX_TRIES and says so", async () => {
    const { h, biller, sent, runTo } = await start({ REMINDER_MAX_TRIES: "3", REMINDER_RETRY_DAYS: "2" });
    await fundSari(h);
    await payBill(h, "Air PDAM", "PDAM", "1013226");
    await saveAndRemind(h, "Kantor");
    await runTo(WIB("2026-12-01T00:00:00"), HOUR);
    biller.answer("1013226", "no-bill");
    await runTo(WIB("2027-01-01T00:00:00"), HOUR);
    const tries = biller.inquiries.filter((i) => i.at >= WIB("2026-12-01T00:00:00")).map((i) => new Date(i.at + 7 * HOUR).getUTCDate());
    expect(tries).toEqual([10, 12, 14]);
    expect(sent.at(-1)!.text).toBe(
      '⏳ Tagihan "Kantor" (PDAM 1013226) belum terbit setelah dicek 3 kali. Pengingat berikutnya: 10 Januari 2027. Bayar kapan saja dari /favorit.',
    );
  });
});

describe("a bill paid here before its day", () => {
  it("is told as paid when the biller has no bill: the payment covered this month's bill", async () => {
    const { h, biller, sent, runTo } = await start();
    await fundSari(h);
    await payPln(h, "530000000001");
    await saveAndRemind(h, "Rumah");
    await runTo(WIB("2026-12-02T10:00:00"), HOUR);
    await payPln(h, "530000000001");
    biller.answer("530000000001", "no-bill");
    await runTo(WIB("2026-12-06T00:00:00"), 30 * 60_000);
    expect(sent.at(-1)!.text).toBe('✅ Tagihan "Rumah" (PLN Pascabayar 530000000001) bulan ini sudah dibayar. Pengingat berikutnya: 5 Januari 2027.');
  });

  it("is asked again when that payment was last month's bill, paid late", async () => {
    const { h, biller, sent, runTo } = await start();
    await fundSari(h);
    await payPln(h, "530000000001");
    await saveAndRemind(h, "Rumah");
    await runTo(WIB("2026-12-02T10:00:00"), HOUR);
    const told = sent.length;
    biller.period("530000000001", "202610");
    await payPln(h, "530000000001");
    biller.answer("530000000001", "no-bill");
    await runTo(WIB("2026-12-06T00:00:00"), 30 * 60_000);
    expect(sent).toHaveLength(told);
    await h.send("/tagihanku");
    expect(h.lastText()).toContain("1. Rumah – PLN Pascabayar 530000000001\n   ⏳ Belum terbit, dicek lagi 7 Desember 2026");
  });
});

describe("the comparison with the last bill paid here", () => {
  it("warns when the bill rose more than REMINDER_JUMP_PERCENT", async () => {
    const { h, biller, sent, runTo } = await start({ REMINDER_JUMP_PERCENT: "50" });
    await fundSari(h);
    await payPln(h, "530000000001");
    await saveAndRemind(h, "Rumah");
    biller.factor("530000000001", 1.8);
    await runTo(WIB("2026-12-06T00:00:00"), 30 * 60_000);
    const text = sent.at(-1)!.text;
    const [now, last] = [/\nTagihan: Rp ([\d.]+)/, /terakhir yang dibayar di sini: Rp ([\d.]+)/].map((re) => Number(re.exec(text)![1]!.replaceAll(".", "")));
    expect(now! / last!).toBeGreaterThan(1.5);
    expect(text).toContain(`\n\n⚠️ Naik ${Math.floor(((now! - last!) * 100) / last!)}% dari tagihan terakhir. Periksa dulu sebelum membayar.\n\n`);
  });

  it("does not warn for a rise within it", async () => {
    const { h, biller, sent, runTo } = await start({ REMINDER_JUMP_PERCENT: "50" });
    await fundSari(h);
    await payPln(h, "530000000001");
    await saveAndRemind(h, "Rumah");
    biller.factor("530000000001", 1.3);
    await runTo(WIB("2026-12-06T00:00:00"), 30 * 60_000);
    expect(sent.at(-1)!.text).toMatch(/^🔔 Tagihan "Rumah" sudah terbit/);
    expect(sent.at(-1)!.text).not.toContain("⚠️");
  });
});

describe("/tagihanku", () => {
  it("shows this month's bill as due when the payment earlier in the month was last month's bill", async () => {
    const { h, biller, runTo } = await start();
    await fundSari(h);
    await payPln(h, "530000000001");
    await saveAndRemind(h, "Rumah");
    await runTo(WIB("2026-12-02T10:00:00"), HOUR);
    // Late with November's bill (period October): paid on 2 December.
    biller.period("530000000001", "202610");
    await payPln(h, "530000000001");
    biller.period("530000000001", "202611");
    await runTo(WIB("2026-12-06T00:00:00"), 30 * 60_000);
    await h.send("/tagihanku");
    expect(h.lastText()).toMatch(/1\. Rumah – PLN Pascabayar 530000000001\n {3}🧾 Belum dibayar: Rp [\d.]+\n/);
  });

  it("lists each saved monthly bill with its state this month: paid, due with its amount, not published yet, reminder off", async () => {
    const { h, biller, runTo } = await start();
    await fundSari(h);
    await payPln(h, "530000000001");
    await saveAndRemind(h, "Rumah");
    await payBill(h, "Air PDAM", "PDAM", "1013226");
    await saveAndRemind(h, "Kantor");
    await payBill(h, "Telepon & Internet", "Internet & Telepon Rumah", "6391601001");
    await saveAndRemind(h, "Wifi");
    await payBill(h, "TV Kabel", "TV Kabel", "127246500101");
    await h.tap("Simpan nomor ini");
    await h.send("TV");
    await runTo(WIB("2026-12-01T00:00:00"), HOUR);
    biller.answer("6391601001", "no-bill");
    await runTo(WIB("2026-12-11T00:00:00"), 30 * 60_000);
    // The newest reminder is PDAM's, of the 10th: paid with its Bayar. PLN's of the 5th waits;
    // the internet bill never came out in its three tries (5th, 7th, 9th).
    await h.tap("Bayar Rp");
    const pln = h.app.calendar.reminders.forUser(SARI.id).find((r) => r.status === "due")!;
    const due = `Rp ${pln.price!.toLocaleString("id-ID")}`;
    await h.send("/tagihanku");
    expect(h.lastText()).toBe(
      [
        "🗓 Tagihan bulan ini (Desember 2026)",
        "",
        "1. Kantor – PDAM 1013226",
        "   ✅ Sudah dibayar 11 Desember 2026",
        "2. Rumah – PLN Pascabayar 530000000001",
        `   🧾 Belum dibayar: ${due}`,
        "3. TV – TV Kabel 127246500101",
        "   🔕 Pengingat mati",
        "4. Wifi – Internet & Telepon Rumah 6391601001",
        "   ⏳ Belum terbit",
        "",
        "Nyalakan atau matikan pengingat dengan /pengingat.",
      ].join("\n"),
    );
    expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual([`💳 Bayar Rumah: ${due}`]);
    await h.tap("Bayar Rumah");
    expect(h.lastText()).toContain("✅ Pembayaran berhasil");
  });
});
