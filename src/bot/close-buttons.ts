import type { ReplyKeyboardRemove } from "grammy/types";

/**
 * The markup of a message that ends what the chat's open buttons were for (/batal, a flow given up
 * after too many wrong answers). Telegram removes no inline keyboard for it (an old button pressed
 * there says the menu expired); the text channels' numbered list closes, so "1" no longer presses a
 * button nothing waits on, and the list is not shown again under the message.
 */
export const CLOSE_BUTTONS: ReplyKeyboardRemove = { remove_keyboard: true };
