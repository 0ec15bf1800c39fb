import { LeanComposer } from "../src/bot/composer.js";
import type { BotContext } from "../src/bot/context.js";
import type { BotDeps } from "../src/bot/deps.js";
import { createBotConversation } from "../src/bot/external-errors.js";
import { createDepositCreditConversation, createDepositRequestConversation } from "./deposit.js";
import { createGatewayDepositConversation } from "./gateway-deposit.js";
import { CONVERSATION } from "./ids.js";
import { createPayConversation } from "./pay.js";
import { createPrepaidConversation } from "./prepaid.js";
import { createBatchConversation } from "./batch.js";
import { createSaveFavoriteConversation } from "./save-favorite.js";

export { CONVERSATION } from "./ids.js";
export type { PayStart } from "./pay.js";
export type { PrepaidStart } from "./prepaid.js";
export type { BatchStart } from "./batch.js";

/**
 * Every flow is registered here, in two places of the stack (see createBot): the buying flows
 * before the entries that start them from the menu, favourites and old buttons; the deposit
 * flows after those, as they have always been.
 */
export function buyingConversations(deps: BotDeps): LeanComposer<BotContext> {
  const c = new LeanComposer<BotContext>();
  c.use(createBotConversation(createPayConversation(deps), CONVERSATION.pay));
  c.use(createBotConversation(createPrepaidConversation(deps), CONVERSATION.prepaid));
  c.use(createBotConversation(createBatchConversation(deps), CONVERSATION.batch));
  c.use(createBotConversation(createSaveFavoriteConversation(deps), CONVERSATION.saveFavorite));
  return c;
}

export function depositConversations(deps: BotDeps): LeanComposer<BotContext> {
  const c = new LeanComposer<BotContext>();
  c.use(createBotConversation(createDepositRequestConversation(deps), CONVERSATION.depositRequest));
  c.use(createBotConversation(createDepositCreditConversation(deps), CONVERSATION.depositCredit));
  c.use(createBotConversation(createGatewayDepositConversation(deps), CONVERSATION.gatewayDeposit));
  return c;
}
