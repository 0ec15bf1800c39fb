import { describe, expect, it } from "vitest";
import { billerStandIn } from "../support/biller-stand-in.js";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { SARI } from "../support/harness.js";
import { fundSari, payBill, payPln } from "../support/pay.js";
import { calendarRunner, HOUR, saveAndRemind, WIB } from "../support/reminders.js";

/**
 * When the bill calendar asks and speaks: quiet hours, opt-out, a failed inquiry, a restart, and
 * a thousand saved bills spread over the day under the hourly cap. Through the real bot on the
 * test's clock, with the sandbox biller as a stand-in that counts its inquiries.
 */

const clock = new Clock();
const bot = botPerTest({ clock });
const hourOf = (ms: number) => new Date(ms + 7 * HOUR).getUTCHours();

async function start(env: Record<string, string> = {}) {
  const biller = billerStandIn(clock);
  const h = await bot.start({ provider: biller.provider, env });
  return { h, biller, ...calendarRunner(h, clock) };
}

/** Sari pays PLN on 23 November, saves it as "Rumah" and turns its reminder on; November's run is done by the 25th. */
async function remindedPln(env: Record<string, string> = {}) {
  const s = await start(env);
  await fundSari(s.h);
  await payPln(s.h, "530000000001");
  await saveAndRemind(s.h, "Rumah");
  await s.runTo(WIB("2026-11-25T00:00:00"), 30 * 60_000);
  return s;
}

describe("quiet hours", () => {
  it("a reminder due while the bot was down at night waits for the morning", async () => {
    const { h, biller, sent, runTo } = await remindedPln();
    const told = sent.length;
    // Down through the 5th: the clock jumps to 22:00 WIB, when the reminder is long due.
    clock.advance(WIB("2026-12-05T22:00:00") - clock.now());
    const asked = biller.inquiries.length;
    await runTo(WIB("2026-12-06T06:59:00"));
    expect(biller.inquiries.length).toBe(asked);
    expect(sent).toHaveLength(told);
    await runTo(WIB("2026-12-06T08:00:00"));
    expect(biller.inquiries.at(-1)!.at).toBe(WIB("2026-12-06T07:00:00"));
    expect(sent.at(-1)!.text).toMatch(/^🔔 Tagihan "Rumah" sudah terbit/);
    expect(sent.at(-1)!.at).toBe(WIB("2026-12-06T07:00:00"));
    expect(h.lastKeyboard()!.buttons[0]!.text).toMatch(/^💳 Bayar Rp/);
  });

  it("REMINDER_QUIET_HOURS moves the window: 20-8 asks between 08:00 and 20:00 WIB only", async () => {
    const { biller, sent, runTo } = await remindedPln({ REMINDER_QUIET_HOURS: "20-8" });
    await runTo(WIB("2026-12-06T00:00:00"), 10 * 60_000);
    const december = biller.inquiries.filter((i) => i.at >= WIB("2026-12-01T00:00:00"));
    expect(december).toHaveLength(1);
    expect(hourOf(december[0]!.at)).toBeGreaterThanOrEqual(8);
    expect(hourOf(december[0]!.at)).toBeLessThan(20);
    expect(sent.every((s) => hourOf(s.at) >= 8 && hourOf(s.at) < 20)).toBe(true);
  });
});

describe("opting out", () => {
  it("one tap on a reminder stops it: next month nothing is asked or sent", async () => {
    const { h, biller, sent, runTo } = await remindedPln();
    await runTo(WIB("2026-12-06T00:00:00"), 30 * 60_000);
    await h.tap("Berhenti ingatkan");
    expect(h.lastText()).toBe('🔕 Pengingat "Rumah" dimatikan. Nyalakan lagi dengan /pengingat.');
    const [asked, told] = [biller.inquiries.length, sent.length];
    await runTo(WIB("2027-01-15T00:00:00"), HOUR);
    expect(biller.inquiries.length).toBe(asked);
    expect(sent).toHaveLength(told);
    await h.send("/tagihanku");
    expect(h.lastText()).toContain("1. Rumah – PLN Pascabayar 530000000001\n   🔕 Pengingat mati");
  });

  it("/pengingat stop turns every reminder off; the screen's button turns one off; a saved bill never turned on is never asked", async () => {
    const { h, biller, runTo } = await start();
    await fundSari(h);
    await payPln(h, "530000000001");
    await saveAndRemind(h, "Rumah");
    await payBill(h, "Air PDAM", "PDAM", "1013226");
    await saveAndRemind(h, "Kantor");
    await payBill(h, "Telepon & Internet", "Internet & Telepon Rumah", "6391601001");
    await h.tap("Simpan nomor ini");
    await h.send("Wifi");
    // A product the provider does not serve (PAM Jaya is Tokopedia's) is not offered a reminder.
    h.app.deps.favorites.save(SARI.id, "pdam-palyja", { customerNo: "000123456" }, "Palyja");
    await h.send("/pengingat");
    expect(h.lastKeyboard()!.buttons.map((b) => b.text)).toEqual(["🔕 Matikan: Kantor", "🔕 Matikan: Rumah", "🔔 Nyalakan: Wifi"]);
    await h.tap("Matikan: Kantor");
    expect(h.lastText()).toMatch(/^🔕 Pengingat "Kantor" dimatikan\. .*\n\n🔔 Pengingat tagihan\n\n1\. Kantor – PDAM 1013226\n🔕 Mati\n/);
    await h.send("/pengingat stop");
    expect(h.lastText()).toBe("🔕 Semua pengingat tagihan dimatikan (1). Nyalakan lagi dengan /pengingat.");
    const asked = biller.inquiries.length;
    await runTo(WIB("2027-01-31T00:00:00"), HOUR);
    expect(biller.inquiries.length).toBe(asked);
  });
});

describe("the day", () => {
  it("is the user's with /pengingat <n> <day>, from next month when this month's bill is settled; a wrong one is explained", async () => {
    const { h, biller, sent, runTo } = await remindedPln();
    await h.send("/pengingat 1 12");
    expect(h.lastText()).toMatch(/^🔔 Pengingat "Rumah" menyala\. Dicek pertama kali 12 Desember 2026\.\n\n🔔 Pengingat tagihan\n/);
    expect(h.lastText()).toContain("1. Rumah – PLN Pascabayar 530000000001\n🔔 Menyala: dicek tiap tanggal 12");
    await runTo(WIB("2026-12-13T00:00:00"), 30 * 60_000);
    const december = biller.inquiries.filter((i) => i.at >= WIB("2026-12-01T00:00:00"));
    expect(december.map((i) => new Date(i.at + 7 * HOUR).getUTCDate())).toEqual([12]);
    expect(sent.at(-1)!.text).toMatch(/^🔔 Tagihan "Rumah" sudah terbit/);
    for (const wrong of ["/pengingat 1 40", "/pengingat 2 5", "/pengingat satu"]) {
      await h.send(wrong);
      expect(h.lastText()).toBe("Tulis nomor tagihan dari daftar /pengingat dan tanggal 1 sampai 31, misalnya /pengingat 1 12.");
    }
  });
});

describe("whose reminders", () => {
  it("someone else's press cannot stop or pay Sari's reminder; a blocked user is not asked; deleting the saved bill ends its reminder", async () => {
    const { h, biller, sent, runTo } = await remindedPln();
    await runTo(WIB("2026-12-06T00:00:00"), 30 * 60_000);
    const [pay, stop] = h.lastKeyboard()!.buttons.map((b) => b.data);
    const BUDI = { id: 77, firstName: "Budi" };
    await h.send("/start", BUDI);
    for (const data of [stop!, pay!]) await h.app.bot.handleUpdate(h.emulator.press(BUDI, 1, data));
    await h.app.worker.idle();
    expect(h.texts(BUDI.id).slice(-2)).toEqual(["Produk ini sedang tidak tersedia.", "Produk ini sedang tidak tersedia."]);
    const favoriteId = h.app.deps.favorites.list(SARI.id)[0]!.id;
    expect(h.app.calendar.reminders.get(favoriteId)).toBeDefined();
    expect(h.app.deps.payments.txs.countByUser(BUDI.id)).toBe(0);

    h.app.deps.users.setBlocked(SARI.id, true);
    const [asked, told] = [biller.inquiries.length, sent.length];
    await runTo(WIB("2027-01-10T00:00:00"), HOUR);
    expect([biller.inquiries.length, sent.length]).toEqual([asked, told]);
    h.app.deps.users.setBlocked(SARI.id, false);
    await runTo(WIB("2027-02-10T00:00:00"), HOUR);
    expect(biller.inquiries.length).toBe(asked + 1);

    expect(h.app.deps.favorites.remove(SARI.id, favoriteId)).toBe(true);
    expect(h.app.calendar.reminders.get(favoriteId)).toBeUndefined();
  });
});

describe("a failed inquiry", () => {
  it("charges nothing, tells the user nothing, and is asked again an hour, then two hours later", async () => {
    const { h, biller, sent, runTo } = await remindedPln();
    const [told, balance, payments] = [sent.length, h.balance(), h.app.deps.payments.txs.countByUser(SARI.id)];
    biller.answer("530000000001", "down");
    await runTo(WIB("2026-12-06T00:00:00"));
    const tries = biller.inquiries.filter((i) => i.at >= WIB("2026-12-01T00:00:00")).map((i) => i.at);
    expect(tries.length).toBeGreaterThanOrEqual(2);
    expect(tries[1]! - tries[0]!).toBe(HOUR);
    if (tries[2] !== undefined) expect(tries[2] - tries[1]!).toBe(2 * HOUR);
    expect(sent).toHaveLength(told);
    expect(h.balance()).toBe(balance);
    expect(h.app.deps.payments.txs.countByUser(SARI.id)).toBe(payments);
    await h.send("/tagihanku");
    expect(h.lastText()).toMatch(/1\. Rumah – PLN Pascabayar 530000000001\n {3}❔ Biller belum menjawab, dicek lagi \d+ Desember 2026/);

    biller.answer("530000000001", "bill");
    await runTo(WIB("2026-12-08T00:00:00"));
    expect(sent.at(-1)!.text).toMatch(/^🔔 Tagihan "Rumah" sudah terbit/);
  });
});

describe("a restart", () => {
  it("sends nothing twice: a reminder sent before it is not sent again, and its Bayar still pays", async () => {
    const { h, biller, sent, runTo } = await remindedPln();
    await runTo(WIB("2026-12-06T00:00:00"), 30 * 60_000);
    const reminders = sent.filter((s) => s.text.includes("sudah terbit"));
    expect(reminders).toHaveLength(1);

    const again = await bot.start({ provider: biller.provider });
    const after = calendarRunner(again, clock);
    const asked = biller.inquiries.length;
    await after.runTo(WIB("2026-12-31T00:00:00"), 30 * 60_000);
    expect(biller.inquiries.length).toBe(asked);
    expect(after.sent).toEqual([]);
    await again.app.bot.handleUpdate(again.emulator.press(SARI, 1, h.lastKeyboard()!.buttons[0]!.data));
    await again.app.worker.idle();
    expect(again.lastText()).toContain("✅ Pembayaran berhasil");
  });

  it("a run cut short after taking its turn (a crash mid-inquiry) is taken up again after its lease, once", async () => {
    const { h, biller, sent, runTo } = await remindedPln();
    await runTo(WIB("2026-12-05T00:00:00"), HOUR);
    const { reminders } = h.app.calendar;
    const due = reminders.get(h.app.deps.favorites.list(SARI.id)[0]!.id)!;
    // The crash: the run claimed its turn, then the process died before asking.
    clock.advance(due.nextRunAt - clock.now());
    expect(reminders.claim(due, clock.now() + 15 * 60_000, clock.now())).toBe(true);
    const asked = biller.inquiries.length;
    await runTo(due.nextRunAt + 14 * 60_000);
    expect(biller.inquiries.length).toBe(asked);
    await runTo(WIB("2026-12-06T00:00:00"));
    expect(biller.inquiries.length).toBe(asked + 1);
    expect(sent.filter((s) => s.text.includes("sudah terbit"))).toHaveLength(1);
  });
});

describe("a thousand saved bills", () => {
  it("are asked over the day, under REMINDER_MAX_PER_HOUR, never in the quiet hours, each once, and each user told", async () => {
    clock.advance(WIB("2026-12-01T08:00:00") - clock.now());
    const { h, biller, sent, runTo } = await start({ REMINDER_MAX_PER_HOUR: "100" });
    const { users, favorites } = h.app.deps;
    // One commit for the lot: seeding is not what is measured.
    h.app.deps.db.transaction(() => {
      for (let u = 0; u < 100; u++) {
        const userId = 7_000 + u;
        users.upsert({ id: userId, channel: "telegram", firstName: `U${u}` });
        for (let n = 0; n < 10; n++) favorites.save(userId, "pln-pascabayar", { customerNo: `5400${String(u * 10 + n).padStart(8, "0")}` }, `Rumah ${n}`);
        for (const f of favorites.list(userId)) expect(h.app.calendar.enable(userId, f.id)).toBeDefined();
      }
    })();
    // One more user saved a bill and never turned its reminder on.
    users.upsert({ id: 8_000, channel: "telegram", firstName: "Quiet" });
    favorites.save(8_000, "pln-pascabayar", { customerNo: "539999999999" }, "Rumah");

    await runTo(WIB("2026-12-05T00:00:00"), HOUR);
    expect(biller.inquiries).toHaveLength(0);
    await runTo(WIB("2026-12-06T12:00:00"));
    const perHour = new Map<number, number>();
    for (const i of biller.inquiries) perHour.set(Math.floor(i.at / HOUR), (perHour.get(Math.floor(i.at / HOUR)) ?? 0) + 1);
    expect(biller.inquiries).toHaveLength(1000);
    expect(new Set(biller.inquiries.map((i) => i.customerNo)).size).toBe(1000);
    expect(biller.count("539999999999")).toBe(0);
    expect(Math.max(...perHour.values())).toBeLessThanOrEqual(100);
    // Spread over the whole allowed window of the 5th (07:00-21:00 WIB), none outside it.
    expect(biller.inquiries.every((i) => hourOf(i.at) >= 7 && hourOf(i.at) < 21)).toBe(true);
    expect(new Set(biller.inquiries.map((i) => hourOf(i.at))).size).toBe(14);
    expect(sent.filter((s) => s.text.includes("sudah terbit"))).toHaveLength(1000);
    expect(new Set(sent.map((s) => s.chatId)).size).toBe(100);
  });
});
