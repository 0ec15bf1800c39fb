import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { UpdateOutcome } from "../bot/deps.js";
import type { Db } from "../db/database.js";
import { paymentsByState, paymentsInFlight, whatsappOutboxLength } from "../db/gauges.js";

/**
 * The bot's Prometheus metrics on their own registry (one per app, so tests can run many). Counts
 * are kept as things happen; what the database knows (payments by state, the pending backlog, the
 * WhatsApp outbox) is read from it at scrape time, so it is right after a restart too.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly updates: Counter<"channel" | "outcome">;
  private readonly providerCalls: Histogram<"provider" | "operation" | "outcome">;
  private readonly queues = new Map<string, () => { waiting: number; oldestMs: number }>();

  /** `now` is the app's clock, the one payments are dated with. */
  constructor(db: Db, now: () => number = Date.now) {
    const registers = [this.registry];
    this.updates = new Counter({
      name: "bot_updates_total",
      help: "Updates taken from a channel, by outcome (handled, failed, limited)",
      labelNames: ["channel", "outcome"],
      registers,
    });
    this.providerCalls = new Histogram({
      name: "provider_call_seconds",
      help: "How long the provider took to answer, by provider, operation (inquiry, pay, status, balance, priceList, prepaidPriceList) and outcome",
      labelNames: ["provider", "operation", "outcome"],
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    new Gauge({
      name: "payments",
      help: "Payments by state",
      labelNames: ["state"],
      registers,
      collect() {
        this.reset();
        for (const r of paymentsByState(db)) this.set({ state: r.state }, r.n);
      },
    });
    new Gauge({
      name: "payments_in_flight",
      help: "Payments confirmed but not settled yet (confirmed, sending, pending)",
      registers,
      collect() {
        this.set(paymentsInFlight(db).count);
      },
    });
    new Gauge({
      name: "payments_in_flight_oldest_seconds",
      help: "Age of the oldest payment confirmed but not settled yet (0 when none)",
      registers,
      collect() {
        const at = paymentsInFlight(db).oldestAt;
        this.set(at === null ? 0 : Math.max(0, (now() - at) / 1000));
      },
    });
    new Gauge({
      name: "whatsapp_outbox_messages",
      help: "Messages waiting in the WhatsApp outbox",
      registers,
      collect() {
        this.set(whatsappOutboxLength(db));
      },
    });
    const queues = this.queues;
    new Gauge({
      name: "bot_api_queue_messages",
      help: "Messages waiting in a bot's outgoing queue for Telegram's flood limits, by channel",
      labelNames: ["channel"],
      registers,
      collect() {
        for (const [channel, stats] of queues) this.set({ channel }, stats().waiting);
      },
    });
    new Gauge({
      name: "bot_api_queue_oldest_seconds",
      help: "How long the oldest message in a bot's outgoing queue has waited (0 when none), by channel",
      labelNames: ["channel"],
      registers,
      collect() {
        for (const [channel, stats] of queues) this.set({ channel }, stats().oldestMs / 1000);
      },
    });
    new Gauge({
      name: "process_memory_bytes",
      help: "Memory of the bot's process (rss, heap_used, heap_total, external)",
      labelNames: ["kind"],
      registers,
      collect() {
        const m = process.memoryUsage();
        this.set({ kind: "rss" }, m.rss);
        this.set({ kind: "heap_used" }, m.heapUsed);
        this.set({ kind: "heap_total" }, m.heapTotal);
        this.set({ kind: "external" }, m.external);
      },
    });
  }

  update(channel: string, outcome: UpdateOutcome): void {
    this.updates.inc({ channel, outcome });
  }

  providerCall(provider: string, operation: string, outcome: string, seconds: number): void {
    this.providerCalls.observe({ provider, operation, outcome }, seconds);
  }

  /** A bot's outgoing queue (Telegram's limits), read at scrape time. */
  outgoingQueue(channel: string, stats: () => { waiting: number; oldestMs: number }): void {
    this.queues.set(channel, stats);
  }

  /** The text for GET /metrics. */
  text(): Promise<string> {
    return this.registry.metrics();
  }
}
