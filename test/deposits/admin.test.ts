import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { booksProblems } from "../support/books.js";
import { Clock } from "../support/clock.js";
import { ADMIN, SARI, startHarness, tempDir, type Harness } from "../support/harness.js";
import { startMidtransStub, type MidtransStub } from "../stubs/midtrans-server.js";
import { auditRows } from "../admin/helpers.js";

/** 23 November 2026, 10:00 WIB. */
const clock = new Clock(Date.parse("2026-11-23T10:00:00+07:00"));
let tmp: ReturnType<typeof tempDir>;
let h: Harness;
let stub: MidtransStub;

beforeEach(async () => {
  clock.reset();
  tmp = tempDir();
  stub = await startMidtransStub();
  h = await startHarness({
    dbPath: `${tmp.dir}/bot.sqlite`,
    now: clock.now,
    env: { DEPOSIT_GATEWAY: "midtrans", MIDTRANS_SERVER_KEY: stub.serverKey, MIDTRANS_BASE_URL: stub.url, DEPOSIT_METHODS: "qris,va-bni" },
  });
  await h.app.listen({ ephemeral: true });
  await h.send("/start", ADMIN);
});
afterEach(async () => {
  expect(booksProblems(h.app.deps.db)).toEqual([]);
  await h.close();
  await stub.close();
  tmp.cleanup();
});

const row = (id: string) =>
  h.app.deps.db.prepare("SELECT state, amount, settled_by AS settledBy, reason, told FROM deposits WHERE id = ?").get(id) as {
    state: string;
    amount: number;
    settledBy: number | null;
    reason: string | null;
    told: number;
  };
const newestId = () => (h.app.deps.db.prepare("SELECT id FROM deposits ORDER BY created_at DESC, rowid DESC").get() as { id: string }).id;
const adminSays = async (text: string) => {
  await h.send(text, ADMIN);
  return h.lastText(ADMIN.id);
};
/** Sari's top-up ledger rows, newest first. */
const topups = () =>
  h.app.deps.wallet
    .entries(SARI.id)
    .filter((e) => e.kind === "topup")
    .map((e) => e.amount);

/** Sari asks for a QRIS top-up (Rp 50.000 is Rp 50.350 with the fee). */
async function openQris(amount = "Rp 50.000") {
  await h.send("/deposit");
  await h.tap("Isi otomatis");
  await h.tap(amount);
  await h.tap("QRIS");
  return newestId();
}

/** Midtrans settles it and the poller sees it. */
async function paidAtGateway(id: string) {
  stub.pay(id);
  clock.advance(15_000);
  await h.app.depositPoller!.tick();
}

describe("admins and gateway deposits", () => {
  it("/deposits lists open and settled gateway deposits under the manual requests; /deposits <id> shows one; only for admins", async () => {
    const paid = await openQris("Rp 20.000");
    await paidAtGateway(paid);
    const open = await openQris();
    expect(await adminSays("/deposits")).toBe(
      [
        "Tidak ada permintaan isi saldo yang menunggu.",
        "",
        "⚡ Isi saldo otomatis (gateway), yang terbuka: 1",
        `${open} · @sari · QRIS · Rp 50.000 · terbuka · 23 November 2026 10:00 WIB`,
        "Terakhir selesai:",
        `${paid} · @sari · QRIS · Rp 20.000 · lunas · 23 November 2026 10:00 WIB`,
        "Lihat satu: /deposits <no. isi saldo>. Selesaikan manual: /deposits <no.> lunas [jumlah] [catatan] atau /deposits <no.> gagal [catatan]",
      ].join("\n"),
    );
    expect(await adminSays(`/deposits ${open.toLowerCase()}`)).toBe(
      [
        `⚡ Isi saldo ${open}`,
        "Pengguna: @sari",
        `Cara bayar: QRIS lewat midtrans (ref ${stub.txs.get(open)!.transactionId})`,
        "Masuk saldo: Rp 50.000; biaya Rp 350 (ditanggung pelanggan); dibayar pelanggan Rp 50.350",
        "Status: terbuka",
        "Dibuat: 23 November 2026 10:00 WIB; berlaku sampai 23 November 2026 10:30 WIB",
        `Selesaikan manual: /deposits ${open} lunas [jumlah] [catatan] (saldo ditambah), atau /deposits ${open} gagal [catatan].`,
      ].join("\n"),
    );
    expect(await adminSays(`/deposits ${paid}`)).toContain(
      "Status: lunas\nDibuat: 23 November 2026 10:00 WIB; berlaku sampai 23 November 2026 10:30 WIB\nSelesai 23 November 2026 10:00 WIB oleh gateway.",
    );
    expect(await adminSays("/deposits DEP-NOPE")).toBe('Isi saldo "DEP-NOPE" tidak ditemukan.');

    await h.send("/deposits", SARI);
    await h.send(`/deposits ${open} lunas`, SARI);
    expect(h.texts().slice(-2)).toEqual(["Perintah ini hanya untuk admin.", "Perintah ini hanya untuk admin."]);
    expect(row(open).state).toBe("open");
    expect(auditRows(h).map((r) => [r.actorId, r.action, r.allowed, r.detail.outcome])).toEqual([
      [ADMIN.id, "deposits", true, "done"],
      [ADMIN.id, "deposits", true, "done"],
      [ADMIN.id, "deposits", true, "done"],
      [ADMIN.id, "deposits", true, "unknown-deposit"],
      [SARI.id, "deposits", false, "not-admin"],
      [SARI.id, "deposit-settle", false, "not-admin"],
    ]);
  });

  it("settled by hand: 'lunas' credits once and tells the customer; again, or after the gateway paid, moves nothing; 'gagal' closes one", async () => {
    const id = await openQris();
    expect(await adminSays(`/deposits ${id} lunas transfer dicek di dasbor`)).toBe(
      `✅ ${id} diselesaikan manual: saldo @sari ditambah Rp 50.000. Saldo sekarang: Rp 50.000`,
    );
    expect(h.lastText()).toBe(`✅ Isi saldo Rp 50.000 masuk (${id}). Saldo kamu sekarang Rp 50.000.`);
    expect(row(id)).toEqual({ state: "paid", amount: 50_000, settledBy: ADMIN.id, reason: `by admin ${ADMIN.id}: transfer dicek di dasbor`, told: 1 });

    // The same command again, then Midtrans' own settlement and its notification: credited once.
    expect(await adminSays(`/deposits ${id} lunas`)).toBe(`${id} sudah lunas; tidak ada yang diubah (isi saldo hanya masuk sekali).`);
    stub.pay(id);
    const answer = await fetch(`${h.app.server!.url}/callbacks/deposit/midtrans`, { method: "POST", body: stub.notification(id) });
    expect(answer.status).toBe(200);
    clock.advance(60_000);
    await h.app.depositPoller!.tick();
    expect(topups()).toEqual([50_000]);

    // Paid at the gateway first: the admin's 'lunas' is refused.
    const second = await openQris("Rp 20.000");
    await paidAtGateway(second);
    expect(await adminSays(`/deposits ${second} lunas`)).toBe(`${second} sudah lunas; tidak ada yang diubah (isi saldo hanya masuk sekali).`);
    expect(topups()).toEqual([20_000, 50_000]);

    const third = await openQris("Rp 100.000");
    expect(await adminSays(`/deposits ${third} gagal pelanggan batal`)).toBe(`${third} ditandai gagal; saldo @sari tidak berubah.`);
    expect(h.lastText()).toBe(`❌ Isi saldo ${third} (Rp 100.000) gagal; saldo tidak berubah. Mulai lagi dengan /deposit.`);
    expect(row(third)).toMatchObject({ state: "failed", settledBy: ADMIN.id });
    expect(await adminSays(`/deposits ${third} lunas`)).toBe(`${third} sudah gagal; tidak ada yang diubah (isi saldo hanya masuk sekali).`);
    expect(await adminSays(`/deposits ${third} selesai`)).toBe(
      "Format: /deposits <no. isi saldo> lunas [jumlah] [catatan], atau /deposits <no.> gagal [catatan]",
    );
    expect(h.balance()).toBe(70_000);

    const settles = auditRows(h).filter((r) => r.action === "deposit-settle");
    expect(settles.map((r) => [r.targetUserId, r.detail.outcome, r.detail.verdict])).toEqual([
      [SARI.id, "done", "paid"],
      [SARI.id, "wrong-state", "paid"],
      [SARI.id, "wrong-state", "paid"],
      [SARI.id, "done", "failed"],
      [SARI.id, "wrong-state", "paid"],
      [SARI.id, "usage", undefined],
    ]);
    expect(settles[0]!.detail).toMatchObject({ deposit: id, note: "transfer dicek di dasbor", amount: 50_000, balance: 50_000 });
  });

  it("underpaid: Midtrans reports less than the charge; left open, shown to the admins, settled by hand for what came in", async () => {
    const id = await openQris();
    const tx = stub.txs.get(id)!;
    tx.status = "settlement";
    tx.grossAmount = "40000.00";
    clock.advance(15_000);
    await h.app.depositPoller!.tick();
    expect(row(id).state).toBe("open");
    expect(h.balance()).toBe(0);
    expect(h.logs).toContain(`deposit ${id}: midtrans reports 40000 paid of 50350; not credited, settle it by hand`);

    expect(await adminSays("/deposits")).toContain(`${id} · @sari · QRIS · Rp 50.000 · terbuka (⚠️ kurang bayar: masuk Rp 40.000) · 23 November 2026 10:00 WIB`);
    expect(await adminSays(`/deposits ${id}`)).toContain(
      "⚠️ Gateway melaporkan dibayar Rp 40.000 dari Rp 50.350: kurang bayar, saldo belum ditambah. Tentukan jumlah yang masuk saldo.",
    );
    // Without an amount, or more than asked: nothing moves.
    expect(await adminSays(`/deposits ${id} lunas`)).toBe(
      `${id} kurang bayar: pelanggan membayar Rp 40.000 dari Rp 50.350. Sebutkan jumlah yang masuk saldo (paling banyak Rp 50.000): /deposits ${id} lunas <jumlah> [catatan]`,
    );
    expect(await adminSays(`/deposits ${id} lunas 60rb`)).toBe(`Jumlah untuk ${id} harus antara Rp 1 dan Rp 50.000 (jumlah isi saldonya).`);
    expect(await adminSays(`/deposits ${id} lunas 4x`)).toBe(`Jumlah untuk ${id} harus antara Rp 1 dan Rp 50.000 (jumlah isi saldonya).`);
    expect(h.balance()).toBe(0);

    expect(await adminSays(`/deposits ${id} lunas 40rb kurang bayar`)).toBe(
      `✅ ${id} diselesaikan manual: saldo @sari ditambah Rp 40.000. Saldo sekarang: Rp 40.000`,
    );
    expect(h.lastText()).toBe(`✅ Isi saldo Rp 40.000 masuk (${id}). Saldo kamu sekarang Rp 40.000.`);
    expect(row(id)).toMatchObject({ state: "paid", amount: 40_000 });
    expect(topups()).toEqual([40_000]);
    // The next poll finds it settled: still credited once.
    clock.advance(3_600_000);
    await h.app.depositPoller!.tick();
    expect(topups()).toEqual([40_000]);
  });

  it("/laporan counts gateway deposits, their amount and fees; /user lists a customer's deposits", async () => {
    const a = await openQris();
    await paidAtGateway(a);
    const b = await openQris("Rp 20.000");
    await paidAtGateway(b);
    await openQris("Rp 100.000");
    const report = await adminSays("/laporan");
    expect(report).toContain("Isi saldo: 2 kali, Rp 70.000");
    expect(report.split("\n").at(-1)).toBe("Isi saldo otomatis (gateway): 2 kali, Rp 70.000 masuk; biaya gateway Rp 490 (ditanggung operator Rp 0)");
    expect(await adminSays("/laporan 2026-11-22")).toContain("Isi saldo otomatis (gateway): 0 kali, Rp 0 masuk");

    const profile = await adminSays("/user @sari");
    expect(profile).toContain("Saldo: Rp 70.000");
    expect(profile.split("\n").slice(-4)).toEqual([
      "3 isi saldo otomatis terakhir:",
      expect.stringMatching(/^DEP-\S+ · @sari · QRIS · Rp 100\.000 · terbuka · /),
      `${b} · @sari · QRIS · Rp 20.000 · lunas · 23 November 2026 10:00 WIB`,
      `${a} · @sari · QRIS · Rp 50.000 · lunas · 23 November 2026 10:00 WIB`,
    ]);
  });
});
