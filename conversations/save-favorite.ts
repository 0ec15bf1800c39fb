import type { BillInput } from "../src/billing/bill.js";
import type { BotConversation, ConvContext } from "../src/bot/context.js";
import type { BotDeps } from "../src/bot/deps.js";
import { CONVERSATION } from "./ids.js";
import { Questions } from "../src/db/questions.js";
import { isText, waitFor } from "./wait.js";

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
    const question = ctx.t("favorite-ask-label", { name: paid.name, max: MAX_LABEL });
    const chatId = ctx.chat!.id;
    const questions = new Questions(deps.db);
    await conversation.external(() => questions.asked(chatId, CONVERSATION.saveFavorite, question, deps.now()));
    await ctx.reply(question);
    // Only a typed message answers; anything else (a sticker, a membership update) is not the label.
    const answer = await waitFor(conversation, isText, { hintKey: "favorite-type-label", wordsAnswer: true });
    const typed = answer.message.text.trim().replace(/\s+/g, " ");
    const wanted = typed === "-" || typed === "" ? paid.name : typed;
    const label = wanted.slice(0, MAX_LABEL).trimEnd();
    await conversation.external(() => {
      deps.favorites.save(userId, paid.productId, paid.input, label);
      questions.answered(chatId);
    });
    await answer.reply(ctx.t(label === wanted ? "favorite-saved" : "favorite-saved-cut", { label, max: MAX_LABEL }));
  };
}
