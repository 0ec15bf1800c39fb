import type { Composer } from "grammy";
import { parseAmount } from "../../billing/amount.js";
import { formatRupiah } from "../../billing/format.js";
import { LeanComposer } from "../composer.js";
import type { BotContext } from "../context.js";
import type { BotDeps } from "../deps.js";

/** What a user can type after "/struk loket" to go back to the operator's counter fee. */
const OPERATOR_DEFAULT = new Set(["bawaan", "default"]);

/**
 * /struk: the user's struk pictures on or off, and the counter fee (biaya loket) a counter adds
 * for its walk-in customers on the picture. The fee is the user's own: each counter names its own,
 * or keeps the operator's (STRUK_COUNTER_FEE). It is printed on the picture only: the balance is
 * charged the usual price.
 */
export function strukFeature(deps: Pick<BotDeps, "struk">): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  const { settings, config } = deps.struk;

  const show = (ctx: BotContext, userId: number) => {
    const own = settings.get(userId);
    const fee = own.counterFee ?? config.counterFee;
    return ctx.reply(
      ctx.t("struk-settings", {
        pictures: ctx.t(!config.pictures ? "struk-state-operator-off" : own.pictures ? "struk-state-on" : "struk-state-off"),
        fee:
          fee === 0 ? ctx.t("struk-fee-none") : own.counterFee === undefined ? ctx.t("struk-fee-operator", { amount: formatRupiah(fee) }) : formatRupiah(fee),
      }),
    );
  };

  c.command("struk", async (ctx) => {
    const userId = ctx.from!.id;
    const [word = "", value = "", ...rest] = ctx.match.trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (word === "" && value === "") return show(ctx, userId);
    if ((word === "on" || word === "off") && value === "") {
      settings.setPictures(userId, word === "on");
      return ctx.reply(ctx.t(word === "on" ? "struk-pictures-on" : "struk-pictures-off"));
    }
    if (word === "loket" && rest.length === 0) {
      if (OPERATOR_DEFAULT.has(value)) {
        settings.setCounterFee(userId, undefined);
        return ctx.reply(ctx.t("struk-fee-reset"));
      }
      const fee = value === "0" ? 0 : parseAmount(value);
      if (fee !== undefined) {
        settings.setCounterFee(userId, fee);
        return ctx.reply(fee === 0 ? ctx.t("struk-fee-cleared") : ctx.t("struk-fee-set", { amount: formatRupiah(fee) }));
      }
    }
    return ctx.reply(ctx.t("struk-usage"));
  });
  return c;
}
