import { expect, it } from "vitest";
import type { Output } from "../../src/channels/emulator.js";
import { hasStoredConversation } from "../../src/db/conversation-store.js";
import { botPerTest } from "../support/bot-per-test.js";
import { Clock } from "../support/clock.js";
import { SARI, type Harness } from "../support/harness.js";
import { fundSari } from "../support/pay.js";
import { seededRandom } from "../support/random.js";

/**
 * Numbered menus under a customer who types anything (issue 22, Proof): at every step of every flow
 * (bills, prepaid, deposits, favourites) random numbers, words and texts come in between the
 * answers. After each, the list at the bottom of the chat is the one its numbers press, a number from
 * it gets a real answer (never "belum mengerti" or "menu expired"), and a flow waiting for typed text
 * takes a valid answer. Seeded: a failure names its seed; MENU_SEED=<n> replays one, MENU_SEEDS=<n>
 * tries that many more, MENU_STEPS=<n> walks longer.
 */

const clock = new Clock();
const bot = botPerTest({ clock });

const STEPS = Number(process.env.MENU_STEPS ?? 70);
const FIXED_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const extra = Number(process.env.MENU_SEEDS ?? 0);
const SEEDS = process.env.MENU_SEED
  ? [Number(process.env.MENU_SEED)]
  : [...FIXED_SEEDS, ...Array.from({ length: extra }, () => Math.floor(Math.random() * 2 ** 31))];

/** Text that answers nothing: numbers off the list, long numbers, words, and commands that only show something. */
const NOISE_WORDS = ["abc", "hmm", "lanjut", "ok?", "1.", "1 2", "#", "🙂", "Rp 5", "???", "tolong", "x".repeat(300)];
const INFO_COMMANDS = ["saldo", "/saldo", "SALDO", "riwayat", "/riwayat", "bantuan", "/bantuan"];
/** What starts a flow, or ends one: how a customer moves about. */
const NAVIGATION = ["/bayar", "bayar", "/beli", "beli", "/deposit", "deposit", "/favorit", "favorit", "/start", "menu", "/batal", "batal", "/BAYAR"];

/** Bot answers that mean a press or an answer fell on nothing. */
const DEAD = [/belum mengerti/, /Menu ini sudah kedaluwarsa/];
/** Nudges that mean a typed answer was wanted as a button: wrong when no button is on screen. */
const BUTTONS_WANTED = [/dengan tombol di atas/];

/** Screens that show a walk went deep into each flow; the fixed seeds together must reach them all. */
const MILESTONES: Record<string, RegExp> = {
  "bill summary": /^🧾 Tagihan /,
  "prepaid summary": /^🛒 Konfirmasi pembelian/,
  receipt: /^✅ Pembayaran berhasil/,
  "gateway deposit": /^Isi saldo Rp [\d.]+\. Pilih cara bayar:/,
  "deposit request": /^📨 Permintaan isi saldo/,
  favourites: /^⭐ Nomor tersimpan/,
  "favourite deleted": /^🗑 /,
};
const reached = new Set<string>();

/** A valid typed answer to a question, from its own example ("contoh 530000000001") or what it asks. */
function answerTo(question: string): string | undefined {
  const example = /contoh:? ([\w.+-]+?)[.,)]?(?:\s|$)/.exec(question)?.[1];
  if (example) return example;
  if (/ID pemain/.test(question)) return "59551114";
  if (/Zone ID/.test(question)) return "2101";
  if (/nominal (top-up|isi ulang)/i.test(question)) return "50000";
  if (/[Nn]ama/.test(question) && /simpan|tersimpan|nomor ini/i.test(question)) return "Rumah";
  return undefined;
}

type Shown = Extract<Output, { kind: "message" | "edit" }>;

class Walk {
  readonly trail: string[] = [];
  constructor(
    readonly h: Harness,
    readonly rnd: () => number,
  ) {}

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rnd() * items.length)]!;
  }

  private mine(from: number): Output[] {
    return this.h.outputs.slice(from).filter((o) => o.chatId === SARI.id);
  }

  /** The list of numbers shown under the chat's newest message, if it shows one. */
  private listAtBottom(): { n: number; data: string }[] | undefined {
    const last = this.h.outputs.filter((o): o is Shown => o.chatId === SARI.id && o.kind !== "notice").at(-1);
    if (!last) return undefined;
    const list = last.buttons.length > 0 ? last.buttons : (last.kind === "message" && last.again) || [];
    return list.length > 0 ? list.map((b) => ({ n: b.n, data: b.data })) : undefined;
  }

  private active() {
    return this.h.emulator.activeButtons(SARI.id);
  }

  private inFlow(): boolean {
    return hasStoredConversation(this.h.app.deps.db, SARI.id);
  }

  private say(line: string, answers: Output[]): void {
    for (const a of answers) for (const [name, re] of Object.entries(MILESTONES)) if (re.test(a.text)) reached.add(name);
    const replies = answers.map((o) => (o.kind === "notice" ? `(notice) ${o.text}` : o.text).slice(0, 160).replace(/\n/g, " ⏎ "));
    this.trail.push(`> ${line.slice(0, 40)}`, ...replies.map((r) => `  ${r}`));
  }

  /** Types `text` as the customer; the bot's answers. */
  async type(text: string): Promise<Output[]> {
    const from = this.h.outputs.length;
    await this.h.send(text);
    const answers = this.mine(from);
    this.say(text, answers);
    return answers;
  }

  /** The numbers on screen press what they show: the list at the bottom is the one they answer. */
  checkScreen(): void {
    const shown = this.listAtBottom();
    if (shown)
      expect(
        this.active().map((b) => ({ n: b.n, data: b.data })),
        "the list at the bottom is not what its numbers press",
      ).toEqual(shown);
  }

  /** Presses a number of the open keyboard: it must press that very button and get a live answer. */
  async press(): Promise<void> {
    const buttons = this.active();
    // Cancel less often than the rest, so flows get deep.
    const choices = buttons.filter((b) => !/Batal|Kembali/.test(b.text) || this.rnd() < 0.15);
    const b = this.pick(choices.length > 0 ? choices : buttons);
    const from = this.h.outputs.length;
    const update = this.h.emulator.text(SARI, String(b.n));
    expect(update.callback_query?.data, `"${b.n}" does not press "${b.text}"`).toBe(b.data);
    await this.h.app.bot.handleUpdate(update);
    await this.h.app.worker.idle();
    const answers = this.mine(from);
    this.say(`${b.n} (${b.text})`, answers);
    expect(answers.length, `pressing "${b.text}" got no answer`).toBeGreaterThan(0);
    for (const a of answers) for (const dead of DEAD) expect(a.text, `pressing "${b.text}"`).not.toMatch(dead);
  }

  /**
   * A flow with no numbers on screen: the newest question it asked is answered. A flow that was
   * waiting for buttons after all (another menu took the numbers in between) must bring them back
   * with its nudge; either way the chat is left answerable, never with a dead end.
   */
  async answer(): Promise<void> {
    const texts = this.h.texts(SARI.id);
    const question = [...texts].reverse().find((t) => answerTo(t) !== undefined);
    const answers = await this.type(question === undefined ? this.pick(NOISE_WORDS) : answerTo(question)!);
    for (const a of answers) for (const dead of DEAD) expect(a.text, "a typed answer").not.toMatch(dead);
    const nudged = answers.some((a) => BUTTONS_WANTED.some((b) => b.test(a.text)));
    if (nudged) expect(this.active().length, "a flow wants a button but no number presses one").toBeGreaterThan(0);
    const last = this.h.texts(SARI.id).at(-1) ?? "";
    if (this.inFlow() && this.active().length === 0)
      expect(answerTo(last), `a flow waits with no buttons and no question to answer; the bot said last: ${last}`).toBeDefined();
  }

  async noise(): Promise<void> {
    const kind = this.rnd();
    const text =
      kind < 0.3
        ? String(Math.floor(this.rnd() * 100)) // often not on the list; when it is, it is a press like any
        : kind < 0.45
          ? String(Math.floor(this.rnd() * 10 ** (3 + Math.floor(this.rnd() * 13))))
          : kind < 0.75
            ? this.pick(NOISE_WORDS)
            : this.pick(INFO_COMMANDS);
    await this.type(text);
  }

  async step(): Promise<void> {
    const r = this.rnd();
    // Now and then a customer gives up or starts over in the middle of anything.
    if (r < 0.08 || (!this.inFlow() && this.active().length === 0)) {
      await this.type(this.pick(NAVIGATION));
      return this.checkScreen();
    }
    // A burst of noise: mostly short; sometimes long enough to use up a question's tries.
    const burst = this.rnd() < 0.05 ? 6 : Math.floor(this.rnd() * 3);
    for (let i = 0; i < burst; i++) {
      await this.noise();
      this.checkScreen();
    }
    if (this.active().length > 0) await this.press();
    else if (this.inFlow()) await this.answer();
    this.checkScreen();
  }
}

for (const seed of SEEDS) {
  it(`seed ${seed}: random text at every step of every flow leaves the numbers on screen working`, async () => {
    const h = await bot.start({ env: { DEPOSIT_GATEWAY: "sandbox" } });
    await fundSari(h, 3_000_000);
    await h.app.prepaidPrices.refresh();
    const walk = new Walk(h, seededRandom(seed));
    try {
      for (let i = 0; i < STEPS; i++) await walk.step();
    } catch (err) {
      const trail = walk.trail.slice(-40).join("\n");
      throw new Error(`seed ${seed} (replay: MENU_SEED=${seed} npx vitest run test/flow/numbered-random.test.ts): ${(err as Error).message}\n${trail}`);
    }
  });
}

if (!process.env.MENU_SEED)
  it("the fixed seeds between them go deep into every flow: bills, prepaid, both deposits, favourites", () => {
    expect([...reached].sort()).toEqual(Object.keys(MILESTONES).sort());
  });
