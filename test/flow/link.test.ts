import { describe, expect, it } from "vitest";
import { linkAccounts } from "../../src/payments/link.js";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { ADMIN, SARI, type Harness } from "../support/harness.js";
import { blockedByUser } from "../support/api-faults.js";
import { addWhatsApp, numberOf, type WhatsAppSide } from "../support/whatsapp.js";

/**
 * One account across channels: Sari on Telegram and the same person on WhatsApp (BUDI's number)
 * join their accounts with a one-time code, through the real bot on both channels.
 */

const clock = new Clock();
const bot = botPerTest({ clock });
const BUDI = "6281234567890@c.us";
const ANDI = "6281298765432@c.us";

const waUser = (h: Harness, waId: string) =>
  (h.app.deps.db.prepare("SELECT id FROM users WHERE phone = ?").get(waId.replace("@c.us", "")) as { id: number }).id;
const codeIn = (text: string) => /Kode tautan kamu: (\d{6})/.exec(text)?.[1] ?? "";
const linkRows = (h: Harness) => h.app.deps.db.prepare("SELECT user_id AS userId, amount, kind, note FROM ledger WHERE note LIKE 'link:%' ORDER BY id").all();

async function twoAccounts(): Promise<{ h: Harness; wa: WhatsAppSide; budi: number }> {
  const h = await bot.start();
  const wa = await addWhatsApp(h);
  await h.send("/start");
  await wa.say(BUDI, "/start");
  const budi = waUser(h, BUDI);
  await h.send(`/topup ${SARI.id} 100rb`, ADMIN);
  await h.send(`/topup ${budi} 50rb`, ADMIN);
  return { h, wa, budi };
}

describe("linking Telegram and WhatsApp by a one-time code", () => {
  it("refuses a wrong and an expired code, links with the right one: one balance, moved once in one transaction", async () => {
    const { h, wa, budi } = await twoAccounts();
    // Budi saves a number on WhatsApp before the link.
    h.app.deps.favorites.save(budi, "pln-postpaid", { customerNo: "530000000001" }, "Rumah", clock.now());

    await h.send("/tautkan");
    const first = codeIn(h.lastText());
    expect(h.lastText()).toContain("Ketik /tautkan");
    expect(h.lastText()).toContain("di WhatsApp dalam 10 menit");
    expect(h.lastText()).toContain("Jangan berikan kode ini kepada siapa pun");

    const wrong = first === "000000" ? "111111" : "000000";
    await wa.say(BUDI, `/tautkan ${wrong}`);
    expect(wa.lastText(BUDI)).toBe("❌ Kode salah. Sisa 4 kali coba dalam satu jam.");

    clock.advance(10 * 60_000 + 1);
    await wa.say(BUDI, `/tautkan ${first}`);
    expect(wa.lastText(BUDI)).toBe("⌛ Kode itu sudah kedaluwarsa. Minta kode baru dengan /tautkan di akun yang lain.");
    expect(h.balance(budi)).toBe(50_000);
    expect(h.balance(SARI.id)).toBe(100_000);

    await h.send("/tautkan");
    const code = codeIn(h.lastText());
    await wa.say(BUDI, `/tautkan ${code}`);
    expect(wa.lastText(BUDI)).toBe(
      "✅ Akun Telegram dan WhatsApp kamu sekarang satu. Saldo: Rp 150.000. Riwayat dan nomor tersimpan kedua akun digabung; kabar berikutnya dikirim ke tempat kamu terakhir menulis.",
    );
    expect(h.balance(SARI.id)).toBe(150_000);
    expect(h.balance(budi)).toBe(0);
    // A ledger row on each side (the books are checked after every test: balances equal their rows).
    expect(linkRows(h)).toEqual([
      { userId: budi, amount: -50_000, kind: "correction", note: `link: to ${SARI.id}` },
      { userId: SARI.id, amount: 50_000, kind: "correction", note: `link: from ${budi}` },
    ]);

    // Typed again: nothing more moves.
    await wa.say(BUDI, `/tautkan ${code}`);
    expect(wa.lastText(BUDI)).toContain("sudah tertaut");
    // Two requests at once for the same code: the code is taken once, whoever comes second moves nothing.
    const again = linkAccounts(h.app.deps.db, h.app.deps.users, h.app.deps.wallet, {
      a: SARI.id,
      b: budi,
      actorId: budi,
      key: "link-code:race",
      now: clock.now(),
      claim: () => false,
    });
    expect(again).toEqual({ ok: false, reason: "already-linked" });
    expect(linkRows(h)).toHaveLength(2);
    expect(h.balance(SARI.id)).toBe(150_000);

    // An admin who names the WhatsApp user (by id or number) reaches the account.
    await h.send(`/topup ${budi} 1rb`, ADMIN);
    expect(h.lastText(ADMIN.id)).toContain("Saldo @sari ditambah Rp 1.000. Saldo sekarang: Rp 151.000");
    expect(h.balance(budi)).toBe(0);

    // One balance and one set of favourites on both channels.
    await wa.say(BUDI, "/saldo");
    expect(wa.lastText(BUDI)).toContain("Saldo kamu: Rp 151.000");
    await h.send("/favorit");
    expect(h.lastText()).toContain("Rumah");

    // Audited: each code step, by whom.
    const audit = h.app.deps.db.prepare("SELECT actor_id AS actor, json_extract(detail, '$.outcome') AS outcome FROM audit_log WHERE action = 'tautkan'").all();
    expect(audit).toEqual([
      { actor: SARI.id, outcome: "code-issued" },
      { actor: budi, outcome: "wrong-code" },
      { actor: budi, outcome: "expired-code" },
      { actor: SARI.id, outcome: "code-issued" },
      { actor: budi, outcome: "linked" },
      // Typed again from WhatsApp: the account writes under Sari's id now.
      { actor: SARI.id, outcome: "already-linked" },
    ]);
  });

  it("works the other way round too: the code shown on WhatsApp, typed on Telegram", async () => {
    const { h, wa, budi } = await twoAccounts();
    await wa.say(BUDI, "/tautkan");
    expect(wa.lastText(BUDI)).toContain("di Telegram dalam 10 menit");
    await h.send(`/tautkan ${codeIn(wa.lastText(BUDI))}`);
    expect(h.lastText()).toContain("✅ Akun Telegram dan WhatsApp kamu sekarang satu. Saldo: Rp 150.000.");
    // The Telegram user is the account whichever side showed the code.
    expect(h.balance(SARI.id)).toBe(150_000);
    expect(h.balance(budi)).toBe(0);
  });

  it("one history: a bill paid on WhatsApp before the link shows in /riwayat on Telegram", async () => {
    const { h, wa, budi } = await twoAccounts();
    await h.send(`/topup ${budi} 200rb`, ADMIN);
    await wa.say(BUDI, "/bayar");
    await wa.say(BUDI, numberOf(wa, BUDI, "Listrik PLN"));
    await wa.say(BUDI, numberOf(wa, BUDI, "PLN Pascabayar"));
    await wa.say(BUDI, "530000000001");
    await wa.say(BUDI, numberOf(wa, BUDI, "Bayar"));
    expect(wa.texts(BUDI).join("\n")).toContain("✅ Pembayaran berhasil");
    await h.send("/riwayat");
    expect(h.lastText()).toContain("Belum ada transaksi.");

    await h.send("/tautkan");
    await wa.say(BUDI, `/tautkan ${codeIn(h.lastText())}`);
    await h.send("/riwayat");
    expect(h.lastText()).toContain("PLN Pascabayar");
  });

  it("stops after too many wrong codes in an hour", async () => {
    const { wa } = await twoAccounts();
    for (let i = 0; i < 5; i++) await wa.say(ANDI, "/tautkan 999999");
    expect(wa.lastText(ANDI)).toBe("❌ Kode salah. Sisa 0 kali coba dalam satu jam.");
    await wa.say(ANDI, "/tautkan 999999");
    expect(wa.lastText(ANDI)).toBe("⛔ Terlalu banyak kode salah. Coba lagi satu jam lagi.");
    // An hour after the wrong ones they no longer count.
    clock.advance(3_600_000);
    await wa.say(ANDI, "/tautkan 999999");
    expect(wa.lastText(ANDI)).toContain("Kode salah");
  });

  it("sends notices to the channel last written on, and to the other one when that fails", async () => {
    const { h, wa } = await twoAccounts();
    await h.send("/tautkan");
    await wa.say(BUDI, `/tautkan ${codeIn(h.lastText())}`);

    // Last written on WhatsApp: the top-up note goes there, not to Telegram.
    const telegramBefore = h.texts().length;
    await h.send(`/topup ${SARI.id} 10rb`, ADMIN);
    expect(wa.lastText(BUDI)).toBe("💰 Saldo kamu bertambah Rp 10.000. Saldo sekarang: Rp 160.000");
    expect(h.texts()).toHaveLength(telegramBefore);

    // Back on Telegram: notices follow.
    await h.send("/saldo");
    const waBefore = wa.texts(BUDI).length;
    await h.send(`/topup ${SARI.id} 5rb`, ADMIN);
    expect(h.lastText()).toBe("💰 Saldo kamu bertambah Rp 5.000. Saldo sekarang: Rp 165.000");
    expect(wa.texts(BUDI)).toHaveLength(waBefore);

    // Telegram refuses (Sari blocked the bot there): the note goes to WhatsApp instead.
    h.apiFaults.failNext("sendMessage", blockedByUser, (p) => p.chat_id === SARI.id);
    await h.send(`/topup ${SARI.id} 7rb`, ADMIN);
    await wa.channel.idle();
    expect(h.apiFaults.answered.map((a) => a.error.error_code)).toEqual([403]);
    expect(wa.lastText(BUDI)).toBe("💰 Saldo kamu bertambah Rp 7.000. Saldo sekarang: Rp 172.000");
  });

  it("admins link and unlink by hand; the balance stays with the Telegram account", async () => {
    const { h, wa, budi } = await twoAccounts();
    await h.send(`/tautkan ${SARI.id} ${budi}`, ADMIN);
    expect(h.lastText(ADMIN.id)).toBe(
      "✅ @sari (Telegram) dan +6281234567890 (WhatsApp) sekarang satu akun. Saldo dipindah: Rp 50.000; saldo akun: Rp 150.000.",
    );
    await wa.say(BUDI, "/saldo");
    expect(wa.lastText(BUDI)).toContain("Rp 150.000");
    // A non-admin cannot.
    await h.send(`/tautkan ${SARI.id} ${budi}`);
    expect(h.lastText()).toBe("Perintah ini hanya untuk admin.");

    await h.send(`/lepas ${SARI.id}`, ADMIN);
    expect(h.lastText(ADMIN.id)).toBe(
      "✅ Tautan dilepas: +6281234567890 (WhatsApp) kembali berdiri sendiri dengan saldo kosong; saldo, riwayat dan nomor tersimpan tetap di @sari (Telegram).",
    );
    await wa.say(BUDI, "/saldo");
    expect(wa.lastText(BUDI)).toContain("Saldo kamu: Rp 0");
    expect(h.balance(SARI.id)).toBe(150_000);
    const actions = h.app.deps.db
      .prepare("SELECT action, json_extract(detail, '$.outcome') AS outcome FROM audit_log WHERE actor_id = ? AND action IN ('tautkan','lepas')")
      .all(ADMIN.id);
    expect(actions).toEqual([
      { action: "tautkan", outcome: "done" },
      { action: "lepas", outcome: "done" },
    ]);
  });
});
