import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { nodeArgs } from "../support/entry.js";
import { tempDir } from "../support/harness.js";

/** `npm start` with no token: the terminal chat, typed into stdin of the real entry point. */

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

function terminal(lines: string[]): string {
  const run = spawnSync(process.execPath, nodeArgs("main"), {
    env: { PATH: process.env.PATH, DATABASE_PATH: join(dir.dir, "bot.sqlite") },
    input: `${lines.join("\n")}\n`,
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stderr).toContain("/pelanggan to chat as a customer, /admin as the operator again.");
  // The log goes to a file beside the database: nothing of it between the bot's messages.
  expect(run.stderr).not.toMatch(/"level":|"event":/);
  expect(readFileSync(join(dir.dir, "terminal.log"), "utf8")).toMatch(/"event":"update"/);
  return run.stdout;
}

it("pays a sandbox PLN bill in the terminal chat exactly as the README shows", () => {
  const out = terminal(["/topup 1001 1jt", "/bayar", "1", "1", "530000000001", "1", "/saldo"]);
  expect(out).toContain("Halo Operator!");
  expect(out).toContain("1. 💡 Bayar tagihan");
  expect(out).toContain("Balas dengan nomor pilihan (1-");
  expect(out).toContain("Saldo @operator ditambah Rp 1.000.000");
  expect(out).toContain("🧾 Tagihan PLN Pascabayar");
  expect(out).toContain("✅ Pembayaran berhasil");
  const total = Number(/Total bayar: Rp ([\d.]+)/.exec(out)![1]!.replace(/\./g, ""));
  expect(out).toContain(`Saldo kamu: Rp ${(1_000_000 - total).toLocaleString("de-DE")}`);
  // The struk picture is kept beside the database, and the chat says where.
  const saved = /🖼 Gambar disimpan: (.+\/pictures\/struk-\w+\.png)\n✅ Pembayaran berhasil/.exec(out);
  expect(saved, out).not.toBeNull();
  expect(readFileSync(saved![1]!).subarray(1, 4).toString()).toBe("PNG");
});

it("the README's steps reach PLN for a second payment too: the recent product comes after the categories", () => {
  const steps = ["/bayar", "1", "1", "530000000001", "1"];
  const out = terminal(["/topup 1001 1jt", ...steps, ...steps, "/saldo"]);
  // Typed all at once, the second /bayar may be answered before the first receipt (its picture is drawn first).
  const second = out.slice(out.indexOf("Pilih jenisnya:", out.indexOf("Ketik ID pelanggan PLN")));
  expect(second).toMatch(/Pilih jenisnya:\n\n1\. Listrik PLN\n[\s\S]*\n\d+\. 🕘 PLN Pascabayar\n\d+\. ✖️ Batal\n/);
  expect(second).toContain("Listrik PLN – pilih produk:\n\n1. PLN Pascabayar");
  expect(out.match(/✅ Pembayaran berhasil/g)).toHaveLength(2);
  const totals = [...out.matchAll(/Total bayar: Rp ([\d.]+)/g)].map((m) => Number(m[1]!.replace(/\./g, "")));
  expect(totals).toHaveLength(2);
  expect(out).toContain(`Saldo kamu: Rp ${(1_000_000 - totals[0]! - totals[1]!).toLocaleString("de-DE")}`);
});

it("the README's QRIS top-up and prepaid purchase, each typed twice exactly as written, credit and buy twice", () => {
  const qris = ["/deposit", "1", "50rb", "QRIS", "1", "/saldo"];
  const prepaid = ["/beli", "1", "081234567890", "1", "1"];
  const out = terminal([...qris, ...qris, ...prepaid, ...prepaid, "/saldo"]);
  const credited = [...out.matchAll(/✅ Isi saldo Rp 50\.000 masuk \(DEP-[\w-]+\)\. Saldo kamu sekarang Rp ([\d.]+)\./g)].map((m) => m[1]);
  expect(credited).toEqual(["50.000", "100.000"]);
  expect(out.match(/📷 Kode QRIS untuk isi saldo DEP-[\w-]+\.\nBayar tepat: Rp 50\.350\n/g)).toHaveLength(2);
  expect(out).toContain("Saldo kamu: Rp 100.000\n");
  // Both purchases: Pulsa is 1, the Telkomsel 5rb the cheapest, Bayar 1; the receipt has a serial.
  expect(out.match(/Mau beli apa\? Pilih jenisnya:\n\n1\. 📱 Pulsa\n/g)).toHaveLength(2);
  expect(out.match(/Operator: Telkomsel/g)).toHaveLength(2);
  expect(out.match(/✅ Pembayaran berhasil\n\nSN \(salin\):\nSBX\d+\n\nProduk: TELKOMSEL 5rb\n/g)).toHaveLength(2);
  expect(out).toContain(`Saldo kamu: Rp ${(100_000 - 2 * 6_500).toLocaleString("de-DE")}\n`);
  expect(out).not.toContain("belum mengerti");
});

it("goes on where it was after a restart: the pending question is shown again and its numbers still work", () => {
  terminal(["/bayar", "1"]);
  const second = terminal(["1", "530000000001"]);
  // No fresh greeting: the product list that was waiting comes back, and "1" picks from it.
  expect(second).not.toContain("Halo Operator!");
  expect(second).toContain("Listrik PLN – pilih produk:\n\n1. PLN Pascabayar");
  expect(second).toContain("Ketik ID pelanggan PLN");
  expect(second).toContain("🧾 Tagihan PLN Pascabayar");
});

it("goes on where it was after a restart at a typed step: it says so and asks the question again", () => {
  terminal(["/bayar", "1", "1"]);
  const fourth = terminal(["530000000001"]);
  // Waiting for typed text, it says so instead of greeting, with the question itself again.
  expect(fourth).toContain(
    "Melanjutkan proses yang belum selesai (ketik /batal untuk membatalkan):\nProduk: PLN Pascabayar\nKetik ID pelanggan PLN 11-12 digit, contoh 530000000001.",
  );
  expect(fourth).toContain("🧾 Tagihan PLN Pascabayar");
});

it("a word or a number not on the list leaves the menu open: the choices again, with the numbers that answer them", () => {
  const out = terminal(["/topup 1001 1jt", "/bayar", "99", "1", "abc", "1", "530000000001", "2001", "1"]);
  expect(out).toMatch(/belum mengerti[\s\S]*\n1\. Listrik PLN\n[\s\S]*Balas dengan nomor pilihan \(1-\d+\)\./);
  expect(out).toContain("Listrik PLN – pilih produk:");
  expect(out).toContain("Ketik ID pelanggan PLN");
  expect(out).toMatch(/Silakan pilih dengan tombol di atas[\s\S]*\n1\. [^\n]*Bayar/);
  expect(out).toContain("✅ Pembayaran berhasil");
});

it("after a restart at a step with buttons, the question and its numbered choices come back, even after a stray reply", () => {
  terminal(["/topup 1001 1jt", "/bayar", "1", "1", "530000000001", "abc"]);
  const second = terminal(["1"]);
  expect(second).toMatch(/🧾 Tagihan PLN Pascabayar[\s\S]*\n1\. [^\n]*Bayar/);
  expect(second).toContain("✅ Pembayaran berhasil");
});

it("/pelanggan chats as a customer (no admin commands, own balance), /admin as the operator again; messages to the other are headed", () => {
  const out = terminal(["/pelanggan", "/topup 1002 50rb", "/saldo", "/deposit", "2", "50rb", "/admin", "1", "/pelanggan", "/saldo", "/topup 1002 1jt"]);
  const steps = out.split("\n> ").map((s) => s.trim());
  const at = (start: string) => steps.findIndex((s) => s.startsWith(start));
  const asCustomer = at("👤 Sekarang kamu chat sebagai pelanggan biasa (id 1002)");
  expect(steps[asCustomer]).toBe(
    "👤 Sekarang kamu chat sebagai pelanggan biasa (id 1002): yang kamu lihat adalah yang dilihat pelanggan, tanpa perintah admin. Ketik /admin untuk kembali sebagai operator.",
  );
  // The customer is greeted as one, and an admin command is refused.
  expect(steps[asCustomer + 1]).toMatch(/^Halo Pelanggan! /);
  expect(steps[asCustomer + 2]).toMatch(/^Perintah ini hanya untuk admin\./);
  expect(steps[asCustomer + 3]).toMatch(/^Saldo kamu: Rp 0\n/);
  // The customer's deposit request reaches the operator, shown as a message to the operator.
  expect(out).toContain(
    "✉️ Pesan untuk operator (admin, id 1001); ketik /admin untuk menjawabnya:\n📨 Permintaan isi saldo #1 dari 1002: Rp 50.000. Periksa transfernya, lalu tekan tombol untuk menambah saldo.\n\n1. ➕ Tambah Rp 50.000",
  );
  // Back as the operator: the request's button is on screen again and "1" presses it.
  const asAdmin = at("🛠 Sekarang kamu chat sebagai operator (id 1001, admin).");
  expect(steps[asAdmin + 1]).toMatch(/^📨 Permintaan isi saldo #1 dari 1002: Rp 50\.000\.[\s\S]*\n1\. ➕ Tambah Rp 50\.000\n/);
  expect(out).toContain("✉️ Pesan untuk pelanggan (id 1002); ketik /pelanggan untuk menjawabnya:\n💰 Saldo kamu bertambah Rp 50.000. Saldo sekarang: Rp 50.000");
  expect(out).toContain("Saldo 1002 ditambah Rp 50.000. Saldo sekarang: Rp 50.000");
  // The customer again: the new balance, and still no admin commands.
  const back = out.slice(out.lastIndexOf("👤 Sekarang kamu chat sebagai pelanggan"));
  expect(back).toMatch(/\nSaldo kamu: Rp 50\.000\n[\s\S]*\nPerintah ini hanya untuk admin\./);
  expect(back).not.toContain("Saldo 1002 ditambah Rp 1.000.000");
});

it("saves a CSV statement beside the database and prints its path", () => {
  const out = terminal(["/topup 1001 50rb", "/mutasi hari ini", "1"]);
  expect(out).toContain("📒 Mutasi saldo");
  const path = /📎 (\S+\.csv)/.exec(out)?.[1];
  expect(path).toBe(join(dir.dir, "files", /mutasi-[\d-]+_[\d-]+\.csv/.exec(path ?? "")?.[0] ?? "?"));
  const csv = readFileSync(path!, "utf8").trim().split("\n");
  expect(csv[0]).toBe("waktu_wib,jenis,referensi,jumlah,saldo_setelah");
  expect(csv.slice(1)).toEqual([expect.stringMatching(/^[\d-]+ [\d:]+,Isi saldo,#1,50000,50000$/)]);
});

it("takes a reseller's one-line order: the summary at once, 'ya' pays, a wrong code gets the nearest codes", () => {
  const out = terminal(["/topup 1001 100rb", "TSEL5.081234567890", "sbx-tsel-5.081234567890", "ya", "/saldo"]);
  expect(out).toContain("❓ Kode TSEL5 tidak dikenal. Maksudnya: sbx-tsel-5");
  expect(out).toMatch(/🛒 Konfirmasi pembelian\n\nProduk: TELKOMSEL 5rb\nNomor HP: 081234567890\n/);
  expect(out).toMatch(/✅ Pembayaran berhasil\n\nSN \(salin\):\nSBX\d+\n\nProduk: TELKOMSEL 5rb\n/);
  expect(out).toContain("Saldo kamu: Rp 93.500\n");
});
