import { SARI, type Harness } from "../support/harness.js";
import { MORNING_WIB } from "./books.js";

/** A clock the tests move by hand; the bot, the payments and the worker all read it. */
export class Clock {
  t = MORNING_WIB;
  readonly now = () => this.t;
  advance(ms: number): void {
    this.t += ms;
  }
}

/** Sari says hello and gets a balance (straight through the wallet: the admin commands are not under test here). */
export async function fundSari(h: Harness, amount = 2_000_000): Promise<void> {
  await h.send("/start");
  h.app.deps.wallet.post({ userId: SARI.id, amount, kind: "topup", actorId: 1 });
}

/** Sari asks for a PLN bill through the real bot; returns the quote's transaction id. */
export async function quotePln(h: Harness, number: string): Promise<string> {
  await h.send("/bayar");
  await h.tap("Listrik PLN");
  await h.tap("PLN Pascabayar");
  await h.send(number);
  const txId = /pay:(\S+)/.exec(h.lastKeyboard()?.buttons.map((b) => b.data).join(" ") ?? "")?.[1];
  if (!txId) throw new Error(`no bill summary; the bot said: ${h.lastText()}`);
  return txId;
}

/** Sari pays a PLN bill through the real bot; returns the transaction id. */
export async function payPln(h: Harness, number: string): Promise<string> {
  const txId = await quotePln(h, number);
  await h.tap("Bayar");
  return txId;
}

export const stateOf = (h: Harness, txId: string) => h.app.deps.payments.txs.get(txId)?.state;
