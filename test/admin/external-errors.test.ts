import { describe, expect, it } from "vitest";
import { botPerTest } from "../support/bot-per-test.js";
import { fundSari, pickProduct } from "../support/pay.js";

const bot = botPerTest();

describe("an error thrown inside conversation.external", () => {
  it("is logged with its name, message and code (a SqliteError was logged as [object Object]), and the user is told", async () => {
    const h = await bot.start();
    await fundSari(h);
    // The quote's INSERT fails inside the pay flow's external, as a full disk or a broken file would.
    h.app.deps.db.exec("CREATE TRIGGER quotes_down BEFORE INSERT ON transactions BEGIN SELECT RAISE(ABORT, 'transactions unavailable'); END");
    await pickProduct(h, "Listrik PLN", "PLN Pascabayar");
    await h.send("530000000001");
    const failures = h.logs.filter((l) => l.includes("failed:"));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/^update \d+ failed: SqliteError: transactions unavailable\n/);
    expect(failures[0]).toMatch(/\[code SQLITE_CONSTRAINT_TRIGGER\]$/);
    expect(failures[0]).not.toContain("[object Object]");
    expect(h.lastText()).toBe("Maaf, terjadi kesalahan. Saldo kamu aman. Silakan coba lagi sebentar lagi.");
    h.app.deps.db.exec("DROP TRIGGER quotes_down");
    // The logs above are expected: do not print them as a failure of the test.
    h.logs.length = 0;
  });
});
