import type { Db } from "../../src/db/database.js";

/**
 * The books' invariants, read straight from SQLite so they hold whatever code wrote the rows:
 * balances equal their ledger sums and are never negative; a transaction is charged at most once
 * (exactly when it got past "quoted"), refunded at most once and only when it failed (and always
 * when a charged one failed); every rupiah put in is either on a balance, held by a payment in
 * flight, or paid out for a successful payment. Returns the violations (empty when the books hold).
 */
export function booksProblems(db: Db): string[] {
  const problems: string[] = [];
  const users = db.prepare("SELECT id, balance FROM users").all() as { id: number; balance: number }[];
  for (const u of users) {
    const sum = (db.prepare("SELECT COALESCE(SUM(amount), 0) AS s FROM ledger WHERE user_id = ?").get(u.id) as { s: number }).s;
    if (sum !== u.balance) problems.push(`user ${u.id}: balance ${u.balance} but ledger sums to ${sum}`);
    if (u.balance < 0) problems.push(`user ${u.id}: negative balance ${u.balance}`);
  }
  const txs = db.prepare("SELECT id, state, price, user_id AS userId FROM transactions").all() as {
    id: string;
    state: string;
    price: number;
    userId: number;
  }[];
  const rows = db.prepare("SELECT kind, amount, user_id AS userId FROM ledger WHERE tx_id = ?");
  for (const tx of txs) {
    const entries = rows.all(tx.id) as { kind: string; amount: number; userId: number }[];
    const charges = entries.filter((e) => e.kind === "charge");
    const refunds = entries.filter((e) => e.kind === "refund");
    const charged = !["quoted", "cancelled"].includes(tx.state);
    if (charges.length !== (charged ? 1 : 0)) problems.push(`${tx.id} (${tx.state}): ${charges.length} charges`);
    if (charges.some((c) => c.amount !== -tx.price || c.userId !== tx.userId)) problems.push(`${tx.id}: charge is not -price of its user`);
    if (refunds.length !== (tx.state === "failed" ? 1 : 0)) problems.push(`${tx.id} (${tx.state}): ${refunds.length} refunds`);
    if (refunds.some((r) => r.amount !== tx.price || r.userId !== tx.userId)) problems.push(`${tx.id}: refund is not +price to its user`);
    if (entries.some((e) => e.kind !== "charge" && e.kind !== "refund")) problems.push(`${tx.id}: a ledger row of another kind names it`);
  }
  // A gateway deposit is credited exactly when it is paid: one ledger row of its amount, to its user.
  const deposits = db.prepare("SELECT id, state, amount, user_id AS userId FROM deposits").all() as {
    id: string;
    state: string;
    amount: number;
    userId: number;
  }[];
  const credits = db.prepare("SELECT amount, user_id AS userId FROM ledger WHERE request_key = ?");
  for (const d of deposits) {
    const rows = credits.all(`deposit:${d.id}`) as { amount: number; userId: number }[];
    if (rows.length !== (d.state === "paid" ? 1 : 0)) problems.push(`deposit ${d.id} (${d.state}): ${rows.length} credits`);
    if (rows.some((r) => r.amount !== d.amount || r.userId !== d.userId)) problems.push(`deposit ${d.id}: credit is not its amount to its user`);
  }
  const { put } = db.prepare("SELECT COALESCE(SUM(amount), 0) AS put FROM ledger WHERE tx_id IS NULL").get() as { put: number };
  const { balances } = db.prepare("SELECT COALESCE(SUM(balance), 0) AS balances FROM users").get() as { balances: number };
  const { spent } = db
    .prepare("SELECT COALESCE(SUM(price), 0) AS spent FROM transactions WHERE state IN ('confirmed','sending','pending','success')")
    .get() as { spent: number };
  if (balances + spent !== put) problems.push(`rupiah unaccounted for: balances ${balances} + held or paid ${spent} <> put in ${put}`);
  return problems;
}

/** The kinds of a transaction's ledger rows, oldest first (["charge"], ["charge", "refund"]...). */
export const ledgerKinds = (db: Db, txId: string): string[] =>
  (db.prepare("SELECT kind FROM ledger WHERE tx_id = ? ORDER BY id").all(txId) as { kind: string }[]).map((r) => r.kind);
