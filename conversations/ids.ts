/**
 * The chat flows' ids: what a stored conversation is keyed by, so renaming one drops the flows
 * saved under the old name (bump CONVERSATION_VERSION with it). What each is started with is the
 * type beside its builder (PayStart, PrepaidStart); conversations/index.ts registers them.
 */
export const CONVERSATION = {
  pay: "pay",
  prepaid: "prepaid",
  batch: "batch",
  saveFavorite: "saveFavorite",
  depositRequest: "deposit-request",
  depositCredit: "deposit-credit",
  gatewayDeposit: "gateway-deposit",
} as const;
