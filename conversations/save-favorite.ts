import type { BillInput } from "../src/billing/bill.js";
import type { BotConversation, ConvContext } from "../src/bot/context.js";
import type { BotDeps } from "../src/bot/deps.js";

const MAX_LABEL = 30;

/** After a successful payment: save its number under a short label of the user's choosing. */
export function createSaveFavoriteConversation(deps: BotDeps) {
  return async function saveFavorite(conversation: BotConversation, ctx: ConvContext, txId: string): Promise<void> {
    const userId = ctx.from!.id;
    const paid = await conversation.external((): { productId: string; input: BillInput; name: string } | null => {
      const tx = deps.payments.txs.get(txId);
      return tx && tx.userId === userId && tx.state === "success" && tx.input
        ? // Pulsa and the like have no customer name: the number stands in for it.
          { productId: tx.productId, input: tx.input, name: tx.bill.customerName || tx.bill.customerNo }
        : null;
    });
    if (!paid) {
      await ctx.reply(ctx.t("menu-expired"));
      return;
    }
    await ctx.reply(ctx.t("favorite-ask-label", { name: paid.name, max: MAX_LABEL }));
    const answer = await conversation.waitFor("message:text", { otherwise: (c) => c.reply(c.t("favorite-ask-label", { name: paid.name, max: MAX_LABEL })) });
    const typed = answer.message.text.trim();
    const label = (typed === "-" || typed === "" ? paid.name : typed).slice(0, MAX_LABEL);
    await conversation.external(() => deps.favorites.save(userId, paid.productId, paid.input, label));
    await answer.reply(ctx.t("favorite-saved", { label }));
  };
}
