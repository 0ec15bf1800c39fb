import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.js";
import { MIGRATIONS } from "../../src/db/migrations.js";
import { Transactions } from "../../src/db/transactions.js";

/**
 * Purchases settled before each code had its own receipt line kept one `sn` (and IAK's PIN among
 * the result details): the upgrade gives them the codes their receipts showed, nothing else.
 */

const CODES = MIGRATIONS.findIndex((m) => m.includes("ADD COLUMN codes"));

function bill(prepaid?: string) {
  return JSON.stringify({
    provider: "iak",
    productCode: "p",
    customerNo: "081200000000",
    customerName: "",
    periods: [],
    details: [],
    billAmount: 10_000,
    adminFee: 0,
    cost: 10_000,
    refs: { refId: "r" },
    ...(prepaid && { prepaid: { category: prepaid, quotedAt: "2026-03-01T03:00:00.000Z" } }),
  });
}

it("a database from before the codes column: old prepaid receipts keep their voucher code, serial number and PIN", () => {
  const path = join(mkdtempSync(join(tmpdir(), "migrate-")), "bot.sqlite");
  const old = new Database(path);
  for (let v = 0; v < CODES; v++) old.exec(MIGRATIONS[v]!);
  old.pragma(`user_version = ${CODES}`);
  old.prepare("INSERT INTO users (id, first_name, created_at) VALUES (7, 'Ani', 0)").run();
  const insert = old.prepare(
    `INSERT INTO transactions (id, user_id, chat_id, product_id, provider, customer_no, state, price, cost, bill, sn, token, result_details, created_at, updated_at)
     VALUES (?, 7, 7, 'prepaid:p', 'iak', '081200000000', ?, 11000, 10000, ?, ?, ?, ?, 0, 0)`,
  );
  const pin = JSON.stringify([{ key: "pin", value: "123456789" }]);
  const token = JSON.stringify({ token: "12345678901234567890" });
  insert.run("voucher", "success", bill("voucher"), "T62XDFC", null, null);
  insert.run("game", "success", bill("game"), "ABCD-EFGH", null, pin);
  insert.run("pulsa", "success", bill("pulsa"), " SN123 ", null, "[]");
  insert.run("pln", "success", bill("pln"), "1234-5678-9012-3456-7890/NAMA/R1/900/32,5", token, null);
  insert.run("bill", "success", bill(), "REF-1", null, null);
  insert.run("open", "pending", bill("voucher"), null, null, null);
  old.close();

  const txs = new Transactions(openDatabase(path));
  const codes = (id: string) => txs.get(id)!.codes;
  expect(codes("voucher")).toEqual([{ kind: "voucher", value: "T62XDFC" }]);
  expect(codes("game")).toEqual([
    { kind: "serial", value: "ABCD-EFGH" },
    { kind: "pin", value: "123456789" },
  ]);
  expect(codes("pulsa")).toEqual([{ kind: "serial", value: "SN123" }]);
  // The token has its own column and block; a bill's sn is its biller reference, not a code.
  expect([codes("pln"), codes("bill"), codes("open")]).toEqual([[], [], []]);
  expect(txs.get("open")!.awaiting).toBeNull();
});
