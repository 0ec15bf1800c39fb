import { InlineKeyboard, InputFile } from "grammy";
import QRCode from "qrcode";
import { parseAmount } from "../src/billing/amount.js";
import { formatDateTimeWib, formatRupiah } from "../src/billing/format.js";
import type { BotConversation, ConvContext } from "../src/bot/context.js";
import type { BotDeps } from "../src/bot/deps.js";
import type { Deposit } from "../src/db/deposits.js";
import { type DepositMethod, isDepositMethod } from "../src/gateways/gateway.js";
import type { DepositService, StartResult } from "../src/payments/deposits.js";
import { isButton, isText, spendTry, tries, waitFor } from "./wait.js";

const QUICK_AMOUNTS = [20_000, 50_000, 100_000, 200_000, 500_000, 1_000_000];
const OWN_BUTTONS = /^gdep:(amt|m|x):/;

/** A method's name in the chat: "QRIS", "VA BNI". */
export const methodLabel = (m: string): string => (m === "qris" ? "QRIS" : `VA ${m.slice(3).toUpperCase()}`);

/**
 * A customer tops up through the payment gateway: the amount (quick choices or typed, within
 * DEPOSIT_MIN_AMOUNT..DEPOSIT_MAX_AMOUNT), the method with its fee and who bears it, then the QRIS
 * picture or the virtual account to pay. The balance is credited by the gateway's news (see
 * DepositService), never by this flow.
 */
export function createGatewayDepositConversation(deps: BotDeps) {
  return async function gatewayDeposit(conversation: BotConversation, ctx: ConvContext): Promise<void> {
    const service = deps.deposits;
    if (!service) return;
    const { minAmount, maxAmount, methods } = service.policy;
    const limits = { min: formatRupiah(minAmount), max: formatRupiah(maxAmount) };
    const quick = new InlineKeyboard();
    QUICK_AMOUNTS.filter((a) => a >= minAmount && a <= maxAmount).forEach((a, i) => {
      quick.text(formatRupiah(a), `gdep:amt:${a}`);
      if (i % 2 === 1) quick.row();
    });
    quick.row().text(ctx.t("gdep-button-cancel"), "gdep:x:0");
    const prompt = await ctx.reply(ctx.t("gdep-ask-amount", limits), { reply_markup: quick });
    const budget = tries();
    let amount: number | undefined;
    for (;;) {
      const answer = await waitFor(conversation, (c) => isText(c) || isButton(OWN_BUTTONS)(c), { hintKey: "gdep-type-amount" }, budget);
      const data = answer.callbackQuery?.data;
      if (data !== undefined) await answer.answerCallbackQuery().catch(() => {});
      if (data?.startsWith("gdep:x:")) {
        await ctx.api.editMessageReplyMarkup(prompt.chat.id, prompt.message_id).catch(() => {});
        await answer.reply(ctx.t("gdep-cancelled"));
        return;
      }
      const text = answer.message?.text ?? "";
      amount = data?.startsWith("gdep:amt:") ? Number(data.slice(9)) : parseAmount(text);
      if (amount !== undefined && amount >= minAmount && amount <= maxAmount) break;
      await spendTry(conversation, answer, budget);
      await answer.reply(amount === undefined ? ctx.t("gdep-amount-invalid", { input: text.trim(), ...limits }) : ctx.t("gdep-amount-out-of-range", limits));
    }
    await ctx.api.editMessageReplyMarkup(prompt.chat.id, prompt.message_id).catch(() => {});
    const chosen = amount;

    const lines = methods.map((m) => methodLine(service, ctx, m, chosen));
    const keyboard = new InlineKeyboard();
    for (const m of methods) keyboard.text(methodLabel(m), `gdep:m:${m}`).row();
    keyboard.text(ctx.t("gdep-button-cancel"), "gdep:x:1");
    const menu = await ctx.reply(`${ctx.t("gdep-pick-method", { amount: formatRupiah(chosen) })}\n${lines.join("\n")}`, { reply_markup: keyboard });
    // A method's name typed ("QRIS", "bni") is its button, as a customer typing on WhatsApp means it.
    const typed = (c: ConvContext) => methods.find((m) => typedMethod(c.message?.text) === m);
    const press = await waitFor(conversation, (c): c is ConvContext => isButton(/^gdep:(m|x):/)(c) || typed(c) !== undefined, {
      hintKey: "gdep-use-buttons",
      ownButtons: /^gdep:amt:/,
      buttons: keyboard,
    });
    const data = press.callbackQuery?.data ?? `gdep:m:${typed(press)}`;
    if (press.callbackQuery) await press.answerCallbackQuery().catch(() => {});
    await ctx.api.editMessageReplyMarkup(menu.chat.id, menu.message_id).catch(() => {});
    if (data.startsWith("gdep:x:")) {
      await press.reply(ctx.t("gdep-cancelled"));
      return;
    }
    const method = data.slice(7) as DepositMethod;
    const userId = ctx.from!.id;
    const name = ctx.from!.first_name;
    const result = await conversation.external((): Promise<StartResult> => service.start(userId, chosen, method, name));
    await showResult(deps, press, result);
  };
}

/** The method a typed name stands for: "qris", "VA BNI" or "bni" in any case; undefined for other text. */
function typedMethod(text: string | undefined): DepositMethod | undefined {
  const name = text
    ?.trim()
    .toLowerCase()
    .replace(/^va\s*/, "");
  if (!name) return undefined;
  const method = name === "qris" ? name : `va-${name}`;
  return isDepositMethod(method) ? method : undefined;
}

function methodLine(service: DepositService, ctx: ConvContext, m: DepositMethod, amount: number): string {
  const q = service.quote(amount, m);
  const vars = { method: methodLabel(m), fee: formatRupiah(q.fee), pay: formatRupiah(q.payAmount) };
  if (q.fee === 0) return ctx.t("gdep-method-free", vars);
  return ctx.t(q.feePayer === "customer" ? "gdep-method-customer-fee" : "gdep-method-operator-fee", vars);
}

async function showResult(deps: BotDeps, ctx: ConvContext, result: StartResult): Promise<void> {
  if (result.kind === "too-many") {
    const o = result.oldest;
    await ctx.reply(
      ctx.t("gdep-too-many", { count: deps.deposits!.policy.openMax, id: o.id, pay: formatRupiah(o.payAmount), until: formatDateTimeWib(o.expiresAt, ctx.t) }),
    );
    return;
  }
  if (result.kind === "refused" || result.kind === "unreachable" || result.kind === "out-of-range") {
    await ctx.reply(ctx.t(result.kind === "refused" ? "gdep-refused" : "gdep-unreachable"));
    return;
  }
  if (result.replaced) await ctx.reply(ctx.t("gdep-replaced", { id: result.replaced.id }));
  await showCharge(deps, ctx, result.deposit);
}

/** The QRIS picture (text on the terminal) or the virtual account, with the exact amount and the deadline. */
async function showCharge(deps: BotDeps, ctx: ConvContext, d: Deposit): Promise<void> {
  const vars = {
    id: d.id,
    pay: formatRupiah(d.payAmount),
    until: formatDateTimeWib(d.expiresAt, ctx.t),
    bank: (d.bank ?? "").toUpperCase(),
    number: d.payCode ?? "",
  };
  const keyboard = deps.deposits!.canSimulate ? { reply_markup: new InlineKeyboard().text(ctx.t("gdep-button-sandbox-pay"), `gdep:pay:${d.id}`) } : {};
  if (d.method !== "qris") {
    await ctx.reply(ctx.t("gdep-va", vars), keyboard);
    return;
  }
  if (deps.channel === "terminal") {
    await ctx.reply(`${ctx.t("gdep-qris-text", vars)}\n\n${d.payCode}\n\n${ctx.t("gdep-qris-elsewhere")}`, keyboard);
    return;
  }
  const png = await QRCode.toBuffer(d.payCode ?? "", { type: "png", margin: 2, width: 480 });
  await ctx.replyWithPhoto(new InputFile(png, `${d.id}.png`), { caption: ctx.t("gdep-qris", vars), ...keyboard });
}
