import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The layers of the design notes, read from the code's own imports: arrows run one way
 * (channels -> bot -> conversations -> payments, pricing, billing -> providers, db -> log, config),
 * no file imports itself back through others, and only src/payments writes the ledger.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.ts$/.test(e.name) && !e.name.endsWith(".d.ts") ? [join(dir, e.name)] : [],
  );
}

const FILES = [...sources("src"), ...sources("conversations")];
const text = new Map(FILES.map((f) => [f, readFileSync(join(ROOT, f), "utf8")]));

/** The project files a file imports (type-only imports too: a type is an arrow all the same). */
function importsOf(file: string): string[] {
  const found: string[] = [];
  for (const m of text.get(file)!.matchAll(/^\s*(?:import|export)\s[^'"`;]*?from\s+["'](\.[^"']+)["']/gm)) {
    const target = relative(ROOT, resolve(ROOT, dirname(file), m[1]!)).replace(/\.js$/, "");
    const hit = [`${target}.ts`, join(target, "index.ts")].find((c) => text.has(c));
    if (hit) found.push(hit);
  }
  return found;
}
const edges = new Map(FILES.map((f) => [f, importsOf(f)]));

/** Strongly connected groups of more than one file (Tarjan): each is an import cycle. */
function cycles(): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    for (const w of edges.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do group.push((w = stack.pop()!));
    while (w !== v);
    if (group.length > 1) found.push(group);
  };
  for (const f of FILES) if (!index.has(f)) visit(f);
  return found;
}

/** [importer folder, folders it must not import]. */
const FORBIDDEN: [string, string[]][] = [
  ["src/billing/", ["src/providers/", "src/db/", "src/payments/", "src/pricing/", "src/bot/", "src/channels/", "src/server/"]],
  // Pictures are drawn from the billing model alone: no database, no money, no chat.
  ["src/pictures/", ["src/db/", "src/providers/", "src/payments/", "src/pricing/", "src/bot/", "src/channels/", "src/server/"]],
  ["src/db/", ["src/payments/", "src/pricing/", "src/providers/", "src/bot/", "src/channels/", "src/server/"]],
  ["src/providers/", ["src/db/", "src/payments/", "src/pricing/", "src/bot/", "src/channels/", "src/server/"]],
  ["src/pricing/", ["src/payments/", "src/bot/", "src/channels/", "src/server/"]],
  ["src/payments/", ["src/bot/", "src/channels/", "src/server/"]],
  ["conversations/", ["src/bot/features/", "src/channels/", "src/server/"]],
  ["src/bot/", ["src/channels/", "src/server/"]],
  ["src/log/", ["src/billing/", "src/db/", "src/providers/", "src/payments/", "src/bot/"]],
  ["src/config.ts", ["src/billing/", "src/db/", "src/providers/", "src/payments/", "src/bot/"]],
  ["src/config/", ["src/billing/", "src/db/", "src/providers/", "src/payments/", "src/bot/"]],
];

describe("architecture", () => {
  it("has no import cycles", () => {
    expect(cycles()).toEqual([]);
  });

  it("imports only down the layers", () => {
    const against = [...edges].flatMap(([from, to]) =>
      to.filter((t) => FORBIDDEN.some(([layer, banned]) => from.startsWith(layer) && banned.some((b) => t.startsWith(b)))).map((t) => `${from} -> ${t}`),
    );
    expect(against).toEqual([]);
  });

  it("keeps each provider's and gateway's wire format inside its folder: others import only its index", () => {
    const folder = (f: string) => /^src\/(providers|gateways)\/[^/]+\//.exec(f)?.[0];
    const reaching = [...edges].flatMap(([from, to]) =>
      to.filter((t) => folder(t) !== undefined && !t.endsWith("/index.ts") && !from.startsWith(folder(t)!)).map((t) => `${from} -> ${t}`),
    );
    expect(reaching).toEqual([]);
  });

  it("writes the ledger and balances only from src/payments", () => {
    // The SQL that writes balances lives in one repository, and only the payments layer uses it.
    const ledgerSql = /INSERT\s+INTO\s+ledger|UPDATE\s+users\s+SET\s+balance/i;
    expect(FILES.filter((f) => ledgerSql.test(text.get(f)!))).toEqual(["src/db/ledger.ts"]);
    const ledgerUsers = [...edges].filter(([, to]) => to.includes("src/db/ledger.ts")).map(([from]) => from);
    expect(ledgerUsers.filter((f) => !f.startsWith("src/payments/"))).toEqual([]);
    const posts = FILES.filter((f) => /\bwallet\.post\(/.test(text.get(f)!));
    expect(posts.filter((f) => !f.startsWith("src/payments/"))).toEqual([]);
  });

  it("keeps SQL in src/db", () => {
    const sql = /\.prepare\(|\b(SELECT|INSERT INTO|UPDATE|DELETE FROM)\s+[a-z_]+\b.*\b(FROM|SET|VALUES|WHERE)\b/;
    const outside = FILES.filter((f) => !f.startsWith("src/db/") && sql.test(text.get(f)!));
    expect(outside).toEqual([]);
  });
});
