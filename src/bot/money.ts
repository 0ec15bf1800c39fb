import { wibThisMonth, wibToday } from "../billing/date-range.js";
import { formatDateTimeWib, formatNumber, formatRupiah, type Translate, wibDate } from "../billing/format.js";
import type { Db } from "../db/database.js";
import { MoneyBooks, type MoneyHeld } from "../db/money.js";
import { dailyReport, type DailyReport } from "../db/report.js";
import type { Provider } from "../providers/provider.js";
import type { BotDeps } from "./deps.js";

/** The provider's hourly need is its cost over this window, spread over its hours. */
const WINDOW_HOURS = 7 * 24;
const HOUR_MS = 3_600_000;
/** How often the watch's timer looks whether a check is due (by the bot's clock). */
const TICK_MS = 60_000;

/** What the business holds at a glance: owed to customers, held in flight, the provider deposit, sales. */
/** What the providers hold for the operator, or why it could not be read. */
type Deposit = { ok: true; amount: number } | { ok: false; reason: string };

export interface MoneyPosition {
  at: number;
  held: MoneyHeld;
  provider: string;
  /** The deposit at the provider, or why it could not be read. */
  deposit: Deposit;
  today: DailyReport["payments"];
  month: DailyReport["payments"];
  /** The provider's cost of an hour of sales: the last 7 days' cost over 168 hours, rounded up; 0 without sales. */
  perHour: number;
}

export interface MoneyDeps {
  db: Db;
  /** Every provider the bot buys from: the deposit is what they hold together. */
  providers: readonly Pick<Provider, "name" | "balance">[];
  now(): number;
}

/** One provider's deposit, or why it could not be read. */
async function depositAt(provider: Pick<Provider, "name" | "balance">): Promise<Deposit> {
  const outcome = await provider.balance();
  if (outcome.kind === "success") return { ok: true, amount: outcome.value };
  return { ok: false, reason: outcome.kind === "failed" ? `${outcome.message} (${outcome.code})` : outcome.kind === "unknown" ? outcome.reason : outcome.kind };
}

/** The providers' deposits together; unknown when any one cannot be read (a partial sum would look too low). */
async function depositOf(providers: MoneyDeps["providers"]): Promise<Deposit> {
  const each = await Promise.all(providers.map(depositAt));
  const failed = each.findIndex((d) => !d.ok);
  if (failed >= 0) {
    const reason = (each[failed] as Extract<Deposit, { ok: false }>).reason;
    return { ok: false, reason: providers.length > 1 ? `${providers[failed]!.name}: ${reason}` : reason };
  }
  return { ok: true, amount: each.reduce((sum, d) => sum + (d.ok ? d.amount : 0), 0) };
}

/** Reads the books and asks each provider for its deposit (the call /saldoprovider makes). */
export async function moneyPosition(deps: MoneyDeps): Promise<MoneyPosition> {
  const at = deps.now();
  const books = new MoneyBooks(deps.db);
  const deposit = await depositOf(deps.providers);
  return {
    at,
    held: books.held(),
    provider: deps.providers.map((p) => p.name).join(" + "),
    deposit,
    today: dailyReport(deps.db, wibToday(at)).payments,
    month: dailyReport(deps.db, wibThisMonth(at)).payments,
    perHour: Math.ceil(books.costBetween(at - WINDOW_HOURS * HOUR_MS, at) / WINDOW_HOURS),
  };
}

/** How many hours of sales the deposit pays for; undefined without a deposit figure or without sales. */
export const coverHours = (p: MoneyPosition): number | undefined => (p.deposit.ok && p.perHour > 0 ? Math.floor(p.deposit.amount / p.perHour) : undefined);

/** /ringkasan's text. */
export function renderMoneyPosition(p: MoneyPosition, t: Translate): string {
  const hours = coverHours(p);
  return [
    t("money-overview", {
      time: formatDateTimeWib(p.at, t),
      balances: formatRupiah(p.held.balances),
      held: formatRupiah(p.held.held),
      inFlight: p.held.inFlight,
      provider: p.provider,
      deposit: p.deposit.ok ? formatRupiah(p.deposit.amount) : t("money-overview-deposit-unknown", { reason: p.deposit.reason }),
      todayCount: p.today.count,
      todayVolume: formatRupiah(p.today.volume),
      todayMargin: formatRupiah(p.today.markup),
      monthCount: p.month.count,
      monthVolume: formatRupiah(p.month.volume),
      monthMargin: formatRupiah(p.month.markup),
    }),
    hours === undefined
      ? p.deposit.ok
        ? t("money-overview-no-sales")
        : undefined
      : t("money-overview-cover", { hours: formatNumber(hours), perHour: formatRupiah(p.perHour) }),
  ]
    .filter((line) => line !== undefined)
    .join("\n");
}

/** The conditions the watch tells the admins about, each at most once per WIB day. */
type Alert = "deposit-low" | "balances-exceed";

/**
 * Checks the money position every `everyMs` of the bot's clock and tells the admins when the
 * provider deposit covers fewer than `hoursAlert` hours of sales (0: never), or when customers'
 * balances exceed it (the deposit could not pay for them all). Each condition is told once per
 * WIB day, remembered in SQLite so a restart does not repeat it.
 */
export class MoneyWatch {
  private timer: NodeJS.Timeout | undefined;
  private nextAt = Number.NEGATIVE_INFINITY;
  private running: Promise<Alert[]> | undefined;

  constructor(private readonly deps: MoneyDeps & Pick<BotDeps, "notifyAdmins"> & { hoursAlert: number; everyMs: number; log(message: string): void }) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  /** Checks when a check is due by the bot's clock; the alerts it told. */
  async tick(): Promise<Alert[]> {
    const now = this.deps.now();
    if (now < this.nextAt || this.running) return [];
    this.nextAt = now + this.deps.everyMs;
    this.running = this.check().finally(() => (this.running = undefined));
    return this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private async check(): Promise<Alert[]> {
    const p = await moneyPosition(this.deps);
    if (!p.deposit.ok) {
      this.deps.log(`money watch: the ${p.provider} deposit could not be read (${p.deposit.reason})`);
      return [];
    }
    const deposit = p.deposit.amount;
    const hours = coverHours(p);
    const { hoursAlert } = this.deps;
    const told: Alert[] = [];
    const tell = async (alert: Alert, render: (t: Translate) => string) => {
      if (!new MoneyBooks(this.deps.db).firstAlert(alert, wibDate(p.at), p.at)) return;
      told.push(alert);
      await this.deps.notifyAdmins(render);
    };
    if (hoursAlert > 0 && hours !== undefined && hours < hoursAlert)
      await tell("deposit-low", (t) =>
        t("money-alert-deposit-low", {
          provider: p.provider,
          deposit: formatRupiah(deposit),
          hours: formatNumber(hours),
          limit: hoursAlert,
          perHour: formatRupiah(p.perHour),
        }),
      );
    if (p.held.balances > deposit)
      await tell("balances-exceed", (t) =>
        t("money-alert-balances-exceed", {
          provider: p.provider,
          balances: formatRupiah(p.held.balances),
          deposit: formatRupiah(deposit),
          gap: formatRupiah(p.held.balances - deposit),
        }),
      );
    return told;
  }
}
