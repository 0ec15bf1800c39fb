import { expect } from "vitest";
import type { PrepaidProduct } from "../../src/billing/price-list.js";
import { prepaidProductId } from "../../src/billing/prepaid-id.js";
import type { MarkupRules } from "../../src/db/markup-rules.js";
import type { Users } from "../../src/db/users.js";
import type { Payments } from "../../src/payments/payments.js";
import type { PrepaidOffer } from "../../src/pricing/prepaid-offer.js";

/**
 * The resellers half of the random money test: users moved between price levels, markup rules set
 * and undone from the chat, and batches of one-line orders as the batch flow makes them (every
 * line quoted alongside the others, each confirmed on its own, alongside too). Each quote's price
 * must be its user's level's price of that moment, never below the cost.
 */
export function randomResellers(a: {
  users: Users;
  userIds: number[];
  markupRules: MarkupRules;
  payments: Payments;
  prepaid: PrepaidOffer;
  products: PrepaidProduct[];
  rnd: () => number;
  now: () => number;
  enqueue: (txId: string) => void;
}) {
  const { rnd } = a;
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const kinds = new Set<string>();

  /** Quotes one line and checks its price against the level's, as it stands now. */
  async function quoteLine(userId: number, alongside: boolean): Promise<string | undefined> {
    const code = pick(a.products).code;
    const q = await a.payments.quote(userId, 1, prepaidProductId(code), { customerNo: `08120000000${Math.floor(rnd() * 10)}` }, { alongside });
    if (q.kind !== "quoted") return undefined;
    const listed = a.prepaid.check(code, a.now());
    const level = a.users.priceLevel(userId);
    if (listed.kind === "offered") {
      const expected = a.prepaid.price(listed.product, listed.product.cost, level);
      expect(q.price, `${code} at ${level ?? "umum"}`).toBe(expected);
      expect(q.price).toBeGreaterThanOrEqual(listed.product.cost);
      kinds.add(a.markupRules.list().length > 0 ? "chat rule price" : "level price");
    }
    return q.txId;
  }

  const actions: [number, string, () => Promise<unknown> | unknown][] = [
    [3, "level change", () => a.users.setPriceLevel(pick(a.userIds), pick(["umum", "reseller"]))],
    [
      3,
      "markup change",
      () => {
        const kind = pick(["brand", "category", "code"] as const);
        const target = kind === "brand" ? pick(a.products).brand : kind === "category" ? pick(a.products).category : pick(a.products).code;
        const markup = rnd() < 0.5 ? { flat: pick([0, 100, 700, 2_000]) } : { percent: pick([0, 1, 2.5, 5]) };
        return a.markupRules.set({ level: pick(["umum", "reseller"]), kind, target, markup: rnd() < 0.2 ? undefined : markup }, 1, a.now());
      },
    ],
    [2, "markup undo", () => a.markupRules.undo(a.now())],
    [
      4,
      "batch",
      async () => {
        const userId = pick(a.userIds);
        const lines: string[] = [];
        const size = 2 + Math.floor(rnd() * 2);
        for (let i = 0; i < size; i++) {
          const txId = await quoteLine(userId, i > 0);
          if (txId) lines.push(txId);
        }
        for (const txId of lines) {
          const r = await a.payments.confirmFresh(txId, userId, { alongside: true });
          if (r.kind === "confirmed") {
            kinds.add("batch paid");
            a.enqueue(r.txId);
          } else {
            kinds.add("batch line refused");
            a.payments.cancel(txId, userId);
          }
        }
      },
    ],
  ];
  return { actions, kinds };
}
