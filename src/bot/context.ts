import type { Conversation, ConversationFlavor } from "@grammyjs/conversations";
import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context } from "grammy";

/** The context inside conversations: plain grammY plus `t` (see flowTranslations). */
export type ConvContext = Context & Pick<I18nFlavor, "t" | "translate">;

/** The context of the outside middleware tree. */
export type BotContext = ConversationFlavor<Context & I18nFlavor>;

export type BotConversation = Conversation<BotContext, ConvContext>;
