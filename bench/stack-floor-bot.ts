import { conversations, createConversation, type Conversation, type ConversationData, type ConversationFlavor } from "@grammyjs/conversations";
import { run, sequentialize } from "@grammyjs/runner";
import { Bot, type Context, InlineKeyboard } from "grammy";
import { startCheckpointer } from "../src/db/checkpointer.js";
import { openDatabase } from "../src/db/database.js";
import { sqliteConversationStorage } from "../src/db/conversation-store.js";

/**
 * The second floor the bench compares the real bot with: the stack the bot is built on (grammY,
 * the runner, @grammyjs/conversations with its state in the bot's SQLite store) walking the same
 * five-update flow with the same Bot API calls as a payment (menu, two presses, the number, Bayar,
 * the "✅" message) and a biller that only waits, and nothing else: no money, no provider, no
 * translations, no logging. Its figures are what the chosen libraries cost before any of the bot's
 * own work.
 */
type Ctx = ConversationFlavor<Context>;

const db = openDatabase(process.env.DATABASE_PATH!);
// The store as the bot runs it: WAL checkpoints in their own thread, off the thread that answers.
const checkpointer = startCheckpointer(db, (message) => console.error(message));
const bot = new Bot<Ctx>(process.env.BOT_TOKEN!, { client: { apiRoot: process.env.TELEGRAM_API_ROOT! } });
// As in the bot: the runner handles chats side by side, each chat's updates in order (a press must
// not overtake the update whose flow state it needs).
bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
bot.use(
  conversations<Ctx, Context>({
    storage: { type: "key", getStorageKey: (ctx) => ctx.chatId?.toString(), adapter: sqliteConversationStorage<ConversationData>(db) },
  }),
);

/** How long the stand-in biller takes to answer; the bench sets it with /latency <ms>, as it sets the bot's biller proxy. */
let billerMs = 0;
const biller = () => new Promise<void>((resolve) => setTimeout(resolve, billerMs));

// As in the bot, the menu is two plain handlers and the flow starts at the product's press.
async function pay(conversation: Conversation<Ctx, Context>, product: Context): Promise<void> {
  await product.answerCallbackQuery();
  await product.editMessageText("Ketik nomor pelanggan.");
  let number = await conversation.waitFor("message:text");
  while (!/^\d{6,}$/.test(number.message.text)) {
    await number.reply("Itu bukan nomor pelanggan. Ketik nomornya ya.");
    number = await conversation.waitFor("message:text");
  }
  await conversation.external(biller); // the inquiry
  await number.reply("Tagihan PLN\nTotal: Rp 100.000", { reply_markup: new InlineKeyboard().text("Bayar", "pay:1").text("Batal", "cancel:1") });
  const press = await conversation.waitForCallbackQuery(/^pay:/);
  await press.answerCallbackQuery();
  await press.editMessageText("Tagihan PLN\nTotal: Rp 100.000\n\nDiproses.");
  await conversation.external(biller); // the payment
  await press.reply("✅ Pembayaran berhasil");
}

bot.use(createConversation(pay, "pay"));
bot.command("bayar", (ctx) => ctx.reply("Pilih jenis tagihan:", { reply_markup: new InlineKeyboard().text("Listrik PLN", "cat:pln") }));
bot.callbackQuery(/^cat:/, async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.editMessageText("Pilih produk:", { reply_markup: new InlineKeyboard().text("PLN Pascabayar", "prod:pln") });
});
bot.callbackQuery(/^prod:/, (ctx) => ctx.conversation.enter("pay"));
bot.command("start", (ctx) => ctx.reply("ok"));
bot.command("latency", (ctx) => {
  billerMs = Number(ctx.match);
  return ctx.reply(`biller ${billerMs} ms`);
});
// The bot's runner settings (src/channels/telegram.ts): a thousand flows at once are all in flight.
const runner = run(bot, { sink: { concurrency: 5_000 } });
process.once("SIGTERM", () => void runner.stop());
await runner.task();
await checkpointer?.stop();
db.close();
