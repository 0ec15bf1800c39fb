import type { Composer } from "grammy";
import { LeanComposer } from "../../composer.js";
import { formatDateTimeWib, formatEcho, formatRupiah, type Translate } from "../../../billing/format.js";
import { prepaidCode, prepaidProductId } from "../../../billing/prepaid-id.js";
import { RouteStore, type OverrideMode } from "../../../db/routes.js";
import type { RouteView } from "../../../pricing/routing.js";
import type { BotContext } from "../../context.js";
import type { BotDeps } from "../../deps.js";
import { adminOnly, adminWrite, type AdminResult } from "./guard.js";
import type { AuditDetail } from "../../../db/audit.js";

type RouteDeps = Pick<BotDeps, "catalog" | "db" | "isAdmin" | "log" | "logger" | "now" | "payments" | "prepaidProducts">;

/** The words /rute takes for each change, Indonesian and English. */
const MODES: Record<string, OverrideMode | "clear"> = { pin: "pin", kecuali: "exclude", exclude: "exclude", hapus: "clear", clear: "clear" };

/** Several providers are configured: the admin views show routes and attempts. */
export const routed = (deps: Pick<BotDeps, "payments">) => deps.payments.providers.all.length > 1;

/** One provider's standing for a product, short: "iak Rp 10.100 ✅". */
function routeWord(r: RouteView, t: Translate): string {
  const cost = r.cost === undefined ? "" : ` ${formatRupiah(r.cost)}`;
  return `${r.provider}${cost} ${t(`admin-route-state-${r.state}`)}${r.pinned ? " 📌" : ""}`;
}

/** /harga's line about a product's routes (several providers only): each provider, best route first. */
export function routeLine(deps: Pick<BotDeps, "payments" | "now">, productId: string, t: Translate): string[] {
  if (!routed(deps)) return [];
  const views = deps.payments.router.view(productId, deps.now()).filter((r) => r.state !== "not-sold");
  return [t("admin-route-line", { routes: views.map((r) => routeWord(r, t)).join(" · ") || t("admin-route-none") })];
}

/** A payment's attempts, one line each (several providers, or a payment that failed over). */
export function attemptLines(deps: Pick<BotDeps, "payments">, txId: string, t: Translate): string[] {
  const attempts = deps.payments.attempts.of(txId);
  if (!routed(deps) && attempts.length < 2) return [];
  return attempts.map((a, i) =>
    t("admin-attempt-line", {
      n: i + 1,
      provider: a.provider,
      ref: a.ref,
      answer: t(`admin-attempt-${a.answer ?? "sent"}`),
      code: a.code ? ` (${a.code})` : "",
      time: formatDateTimeWib(a.answeredAt ?? a.sentAt, t),
    }),
  );
}

/** The product an admin names: a catalog id (pln-pascabayar) or a prepaid code (xld10) any provider lists. */
function productOf(deps: RouteDeps, word: string): string | undefined {
  if (deps.catalog.product(word)) return word;
  const code = prepaidCode(word) ?? word;
  return deps.payments.providers.names.some((p) => deps.prepaidProducts.get(p, code)) ? prepaidProductId(code) : undefined;
}

/** /rute <product>: each provider's cost, standing, recent success and time to a final answer, in route order. */
function routeDetail(deps: RouteDeps, productId: string, t: Translate): string {
  const views = deps.payments.router.view(productId, deps.now());
  const lines = views.map((r, i) => {
    const s = r.stats;
    const health =
      s && s.attempts > 0
        ? t("admin-route-health", { ok: s.successes, of: s.attempts, seconds: s.meanFinalMs === undefined ? "-" : Math.round(s.meanFinalMs / 1000) })
        : t("admin-route-health-none");
    return `${i + 1}. ${routeWord(r, t)} · ${health}${r.code && r.state !== "not-sold" ? ` [${r.code}]` : ""}`;
  });
  return [t("admin-route-title", { product: productId }), ...lines, t("admin-route-usage")].join("\n");
}

/** Overrides and providers out of routing: /rute with nothing after it. */
function overview(deps: RouteDeps, store: RouteStore, t: Translate): string {
  const overrides = store.overrides().map((o) => t(`admin-route-override-${o.mode}`, { product: o.productId, provider: o.provider }));
  const out = deps.payments.providers.names.flatMap((p) => {
    const h = store.health(p);
    return h.suspendedUntil === null ? [] : [t("admin-route-out", { provider: p, until: formatDateTimeWib(h.suspendedUntil, t), reason: h.reason ?? "" })];
  });
  return [
    t("admin-route-providers", { providers: deps.payments.providers.names.join(", ") }),
    ...(overrides.length ? overrides : [t("admin-route-no-overrides")]),
    ...out,
    t("admin-route-usage"),
  ].join("\n");
}

/** /rute (routing overrides, audited) and /saldoprovider (every provider's deposit). */
export function adminRoutesFeature(deps: RouteDeps): Composer<BotContext> {
  const c = new LeanComposer<BotContext>();
  const store = new RouteStore(deps.db);
  const t =
    (ctx: BotContext): Translate =>
    (key, vars) =>
      ctx.t(key, vars);

  c.command(
    "rute",
    adminWrite(deps, "rute", (ctx, args): AdminResult => {
      const [word, modeWord, providerWord] = args.split(/\s+/).filter(Boolean);
      if (!word) return { reply: overview(deps, store, t(ctx)), outcome: "done" };
      const productId = productOf(deps, word);
      if (!productId) return { reply: ctx.t("admin-route-unknown-product", { product: formatEcho(word) }), outcome: "unknown-product" };
      if (!modeWord) return { reply: routeDetail(deps, productId, t(ctx)), outcome: "done", detail: { product: productId } };
      const mode = MODES[modeWord.toLowerCase()];
      const provider = providerWord?.toLowerCase();
      if (!mode || (mode !== "clear" && (!provider || !deps.payments.providers.get(provider)))) {
        return { reply: ctx.t("admin-route-usage"), outcome: "usage", detail: { product: productId } };
      }
      if (mode === "clear") {
        const removed = store.clear(productId);
        return { reply: ctx.t("admin-route-cleared", { product: productId, count: removed }), outcome: "done", detail: { product: productId, mode, removed } };
      }
      store.set(productId, provider!, mode, ctx.from!.id, deps.now());
      return {
        reply: [ctx.t(`admin-route-set-${mode}`, { product: productId, provider: provider! }), routeDetail(deps, productId, t(ctx))].join("\n"),
        outcome: "done",
        detail: { product: productId, mode, provider: provider! },
      };
    }),
  );

  c.command(
    "saldoprovider",
    adminOnly(deps, "saldoprovider", async (ctx): Promise<AdminResult> => {
      const answers = await Promise.all(deps.payments.providers.all.map(async (p) => ({ provider: p.name, outcome: await p.balance() })));
      const lines = answers.map(({ provider, outcome }) => {
        switch (outcome.kind) {
          case "success":
            return ctx.t("admin-provider-balance", { provider, balance: formatRupiah(outcome.value) });
          case "failed":
            return ctx.t("admin-provider-balance-failed", { provider, code: outcome.code, message: outcome.message });
          default:
            return ctx.t("admin-provider-balance-unknown", {
              provider,
              reason: outcome.kind === "unknown" ? outcome.reason : (outcome.message ?? outcome.kind),
            });
        }
      });
      const said = (o: (typeof answers)[number]["outcome"]): AuditDetail =>
        o.kind === "success" ? { balance: o.value } : o.kind === "failed" ? { code: o.code } : { reason: o.kind === "unknown" ? o.reason : o.kind };
      // One provider: its answer's fields as before; several: each provider's balance or what went wrong.
      const detail =
        answers.length === 1
          ? said(answers[0]!.outcome)
          : Object.fromEntries(answers.map(({ provider, outcome }) => [`balance_${provider}`, outcome.kind === "success" ? outcome.value : outcome.kind]));
      const failed = answers.find((a) => a.outcome.kind !== "success");
      const outcome = !failed ? "done" : failed.outcome.kind === "failed" ? "provider-failed" : "provider-unknown";
      return { reply: lines.join("\n"), outcome, detail };
    }),
  );
  return c;
}
