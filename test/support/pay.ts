import type { ChatUser } from "../../src/channels/emulator.js";
import { ADMIN, SARI, type Harness } from "./harness.js";

/** Sari says hello and gets a balance (straight through the wallet: the admin commands are not under test there). */
export async function fundSari(h: Harness, amount = 2_000_000): Promise<void> {
  await h.send("/start");
  h.app.deps.wallet.post({ userId: SARI.id, amount, kind: "topup", actorId: 1 });
}

/** Sari says hello and an admin tops her up with /topup (`amount` as typed, e.g. "1jt"). */
export async function topUpSari(h: Harness, amount: string): Promise<void> {
  await h.send("/start");
  await h.send(`/topup ${SARI.id} ${amount}`, ADMIN);
}

/** `user` opens /bayar and picks a product: the bot now asks for the customer number. */
export async function pickProduct(h: Harness, category: string, product: string, user: ChatUser = SARI): Promise<void> {
  await h.send("/bayar", user);
  await h.tap(category, user);
  await h.tap(product, user);
}

/** The transaction id behind the Bayar button of the newest bill summary in `user`'s chat. */
export function summaryTxId(h: Harness, user: ChatUser = SARI): string | undefined {
  return /pay:(\S+)/.exec(
    h
      .lastKeyboard(user.id)
      ?.buttons.map((b) => b.data)
      .join(" ") ?? "",
  )?.[1];
}

/** `user` asks for a bill through the real bot; returns the quote's transaction id. */
export async function quoteBill(h: Harness, category: string, product: string, number: string, user: ChatUser = SARI): Promise<string> {
  await pickProduct(h, category, product, user);
  await h.send(number, user);
  const txId = summaryTxId(h, user);
  if (!txId) throw new Error(`no bill summary; the bot said: ${h.lastText(user.id)}`);
  return txId;
}

/** `user` pays a bill through the real bot; the worker has run by the time it returns the transaction id. */
export async function payBill(h: Harness, category: string, product: string, number: string, user: ChatUser = SARI): Promise<string> {
  const txId = await quoteBill(h, category, product, number, user);
  await h.tap("Bayar", user);
  return txId;
}

export const quotePln = (h: Harness, number: string, user?: ChatUser) => quoteBill(h, "Listrik PLN", "PLN Pascabayar", number, user);
export const payPln = (h: Harness, number: string, user?: ChatUser) => payBill(h, "Listrik PLN", "PLN Pascabayar", number, user);

export const stateOf = (h: Harness, txId: string) => h.app.deps.payments.txs.get(txId)?.state;

/** /beli, the category, the steps (typed text or a button to tap), then Bayar; the transaction id. */
export async function buyPrepaid(h: Harness, category: string, steps: (string | { tap: string })[]): Promise<string> {
  await h.send("/beli");
  await h.tap(category);
  for (const s of steps) await (typeof s === "string" ? h.send(s) : h.tap(s.tap));
  const txId = summaryTxId(h);
  if (!txId) throw new Error(`no summary; bot said: ${h.lastText()}`);
  await h.tap("Bayar");
  return txId;
}
