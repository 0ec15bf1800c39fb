import { readdirSync, readFileSync } from "node:fs";
import type { Bill, PrepaidCategory } from "../../src/billing/bill.js";
import { loadCatalog, type ProductKind } from "../../src/billing/catalog.js";
import { createDigiflazzProvider } from "../../src/providers/digiflazz/index.js";
import type { FetchLike } from "../../src/providers/http.js";
import { createIakProvider } from "../../src/providers/iak/index.js";
import type { Outcome, Payment } from "../../src/providers/provider.js";
import { createTokopediaProvider } from "../../src/providers/tokopedia/index.js";
import { readTokopediaOrder } from "../../src/providers/tokopedia/order.js";
import { loadTokopediaFixtures } from "../stubs/tokopedia-server.js";

/**
 * Every response example of the seeds, read by the real adapters' reading code into what the
 * renderers get: the Bill of an inquiry and, where the seed has one, the Payment outcome of paying it.
 */

export interface SeedExample {
  provider: "digiflazz" | "iak" | "tokopedia";
  /** Fixture name, also the snapshot file name. */
  name: string;
  /** Undefined for seed products no catalog kind covers (game vouchers, prepaid items). */
  kind: ProductKind | undefined;
  productName: { id: string; en: string };
  /** The inquiry's bill; for Tokopedia orders without an inquiry, the bill their order request implies. */
  bill: Bill;
  payment?: Outcome<Payment>;
  /** Whether `bill` came from a response example (else only the receipt is an example). */
  inquiry: boolean;
  /** A prepaid product (the shipped catalog's `prepaid.tokopedia`): its receipt is the prepaid one. */
  prepaid?: PrepaidCategory;
}

const fixture = (dir: string, name: string) => readFileSync(new URL(`../fixtures/${dir}/${name}`, import.meta.url), "utf8");

function value<T>(o: Outcome<T>, what: string): T {
  if (o.kind !== "success") throw new Error(`${what}: expected success, got ${JSON.stringify(o).slice(0, 300)}`);
  return o.value;
}

/** Answers every request with `body` (Digiflazz and IAK use one URL for everything). */
const answering =
  (body: string, contentType = "application/json"): FetchLike =>
  async () =>
    new Response(body, { status: 200, headers: { "Content-Type": contentType } });

const same = (name: string) => ({ id: name, en: name });

const DIGIFLAZZ_NAMES: Record<string, { id: string; en: string }> = {
  pln: { id: "PLN Pascabayar", en: "PLN Postpaid" },
  pdam: same("PDAM"),
  hp: { id: "HP Pascabayar", en: "Postpaid mobile" },
  internet: { id: "Internet & Telepon Rumah", en: "Internet & home phone" },
  bpjs: same("BPJS Kesehatan"),
  multifinance: same("Multifinance"),
  pbb: same("PBB"),
  pgas: same("Gas PGN"),
  tv: { id: "TV Kabel", en: "Cable TV" },
  plnnontaglis: same("PLN Non-Taglis"),
  emoney: same("E-Money"),
  samsat: { id: "SAMSAT (pajak kendaraan)", en: "SAMSAT (vehicle tax)" },
};

async function digiflazz(): Promise<SeedExample[]> {
  const cfg = { username: "u", apiKey: "k", baseUrl: "http://digiflazz.test", dialect: "whitelabel" as const, testing: false, webhookSecret: undefined };
  const out: SeedExample[] = [];
  for (const [code, productName] of Object.entries(DIGIFLAZZ_NAMES)) {
    const inq = fixture("digiflazz", `inq-${code}.json`);
    const seed = JSON.parse(inq).data as { ref_id: string; customer_no: string };
    const [customerNo = "", identityNo] = seed.customer_no.split(",");
    const bill = value(
      await createDigiflazzProvider(cfg, { fetch: answering(inq), retryDelayMs: 1 }).inquiry({
        ref: seed.ref_id,
        productCode: code,
        customerNo,
        ...(identityNo ? { identityNo } : {}),
      }),
      `inq-${code}`,
    );
    // The pay example is its own transaction (its own ref_id): pay the same bill under that ref.
    const pay = fixture("digiflazz", `pay-${code}.json`);
    const payRef = (JSON.parse(pay).data as { ref_id: string }).ref_id;
    const payment = await createDigiflazzProvider(cfg, { fetch: answering(pay), retryDelayMs: 1 }).pay({ ...bill, refs: { refId: payRef } });
    out.push({ provider: "digiflazz", name: code, kind: code as ProductKind, productName, bill, payment, inquiry: true });
  }
  return out;
}

async function iak(): Promise<SeedExample[]> {
  const cfg = { username: "123123123", apiKey: "k", baseUrl: "http://iak.test", prepaidBaseUrl: "http://iak-prepaid.test" };
  const examples = [
    {
      name: "pay-bpjs.response.json",
      kind: "bpjs",
      productName: same("BPJS Kesehatan"),
      code: "BPJS",
      hp: "8801234560001",
      ref: "09128374651",
      type: "application/json",
    },
    {
      name: "pay-bpjs.response.xml",
      kind: "bpjs",
      productName: same("BPJS Kesehatan"),
      code: "BPJS",
      hp: "8801234560001",
      ref: "09128374651",
      type: "text/xml",
    },
    {
      name: "pay-plnnontag.response.json",
      kind: "plnnontaglis",
      productName: same("PLN Non-Taglis"),
      code: "PLNNONTAG",
      hp: "3225030000000",
      ref: "09128374655",
      type: "application/json",
    },
  ] as const;
  const out: SeedExample[] = [];
  for (const e of examples) {
    // IAK's pay answer carries every field of its inquiry answer, so the seed is read as both.
    const fetch = answering(fixture("iak", e.name), e.type);
    const provider = createIakProvider(cfg, { fetch, retryDelayMs: 1 });
    const bill = value(await provider.inquiry({ ref: e.ref, productCode: e.code, customerNo: e.hp }), e.name);
    const payment = await provider.pay(bill);
    out.push({ provider: "iak", name: e.name.replace(/\.response/, ""), kind: e.kind, productName: e.productName, bill, payment, inquiry: true });
  }
  return out;
}

/** Catalog kind and a product name for each Tokopedia seed product (undefined kind: no postpaid kind fits). */
const TOKOPEDIA_PRODUCTS: Record<string, [ProductKind | undefined, string]> = {
  "50k-simpati": [undefined, "Pulsa Simpati 50.000"],
  "bigo-live-10-diamonds": [undefined, "Bigo Live 10 Diamonds"],
  "biznet-home": ["internet", "Biznet Home"],
  "bpjs-denda": ["bpjs", "BPJS Kesehatan (denda)"],
  "bpjs-kesehatan-iuran-1month": ["bpjs", "BPJS Kesehatan"],
  "bpjs-ketenagakerjaan-iuran-1month": ["bpjstk", "BPJS Ketenagakerjaan"],
  "bsd-city-ipl+air": ["property", "BSD City (IPL + air)"],
  cbn: ["internet", "CBN"],
  "centrin-online": ["internet", "Centrin Online"],
  "ciputra-world-2-jkt-apt-utl-ipl": ["property", "Ciputra World 2 Jakarta"],
  "comet-internet": ["internet", "Comet Internet"],
  "dompet-digital-gopay-open-amount": ["emoney", "GoPay"],
  "donasi-rumah-zakat-50": [undefined, "Donasi Rumah Zakat"],
  "edu-lspr": ["education", "LSPR"],
  "edu-petra-alpha-school": ["education", "Petra Alpha School"],
  "edu-sd-sains-al-biruni": ["education", "SD Sains Al Biruni"],
  "edu-univ-sangga-buana-ypkp": ["education", "Universitas Sangga Buana YPKP"],
  firstmedia: ["internet", "First Media"],
  "gofood-20k": [undefined, "Voucher GoFood 20.000"],
  "insurance-allianz-premilanjutan": ["insurance", "Allianz (premi lanjutan)"],
  "insurance-prudential": ["insurance", "Prudential"],
  "kemang-village-res-ipl-utl": ["property", "Kemang Village"],
  "kfc-50k": [undefined, "Voucher KFC 50.000"],
  "kode-voucher-google-play-10000": [undefined, "Google Play 10.000"],
  "kredit-mandiri-utama-finance": ["credit", "Mandiri Utama Finance"],
  "kredit-mtf-new": ["credit", "Mandiri Tunas Finance"],
  "kredit-mtf": ["credit", "Mandiri Tunas Finance"],
  kvision: ["tv", "K-Vision"],
  "mnc-play": ["tv", "MNC Play"],
  "mnc-vision": ["tv", "MNC Vision"],
  "mobile-legends-18-diamonds": [undefined, "Mobile Legends 18 Diamonds"],
  myrepublic: ["internet", "MyRepublic"],
  "pasca-telkomsel": ["hp", "Telkomsel Halo"],
  "pbb-dki-jakarta-new": ["pbb", "PBB DKI Jakarta"],
  "pbb-dki-jakarta": ["pbb", "PBB DKI Jakarta"],
  "pbb-kab-bandung-barat": ["pbb", "PBB Kab. Bandung Barat"],
  "pbb-kab-semarang": ["pbb", "PBB Kab. Semarang"],
  "pbb-kota-depok": ["pbb", "PBB Kota Depok"],
  "pbb-kota-pangkal-pinang": ["pbb", "PBB Kota Pangkal Pinang"],
  "pdam-dki-palyja": ["pdam", "PDAM DKI (Palyja)"],
  "pdam-jabar-kota-cirebon": ["pdam", "PDAM Kota Cirebon"],
  "pdam-jatim-kota-surabaya-new": ["pdam", "PDAM Kota Surabaya"],
  "pdam-jatim-kota-surabaya": ["pdam", "PDAM Kota Surabaya"],
  "pdam-kab-pandeglang": ["pdam", "PDAM Kab. Pandeglang"],
  "pdam-kota-kediri": ["pdam", "PDAM Kota Kediri"],
  "pdam-sumatera-kota-medan": ["pdam", "PDAM Kota Medan"],
  pgn: ["pgas", "Gas PGN"],
  "pln-non-taglis": ["plnnontaglis", "PLN Non-Taglis"],
  "pln-postpaid-new": ["pln", "PLN Pascabayar"],
  "pln-prepaid-token-50k-sat-new": ["pln", "Token PLN 50.000"],
  "samsat-jabar": ["samsat", "SAMSAT Jawa Barat"],
  "samsat-jateng-new": ["samsat", "SAMSAT Jawa Tengah"],
  "samsat-jateng": ["samsat", "SAMSAT Jawa Tengah"],
  "samsat-jatim-new": ["samsat", "SAMSAT Jawa Timur"],
  "samsat-jatim": ["samsat", "SAMSAT Jawa Timur"],
  "samsat-kaltara": ["samsat", "SAMSAT Kalimantan Utara"],
  "samsat-kaltim": ["samsat", "SAMSAT Kalimantan Timur"],
  "samsat-kep-riau": ["samsat", "SAMSAT Kepulauan Riau"],
  "samsat-sulsel": ["samsat", "SAMSAT Sulawesi Selatan"],
  "samsat-sulut": ["samsat", "SAMSAT Sulawesi Utara"],
  "samsat-sumut": ["samsat", "SAMSAT Sumatera Utara"],
  "sony-sugema-college-2": [undefined, "Sony Sugema College"],
  "speedy-indihome": ["internet", "IndiHome"],
  "spotify-premium-spotify-premium-6": [undefined, "Spotify Premium"],
  "steam-wallet-idr-90": [undefined, "Steam Wallet IDR 90.000"],
  "tech-in-asia-edu-4": [undefined, "Tech in Asia"],
  "topup-dana": ["emoney", "DANA"],
  transvision: ["tv", "Transvision"],
  "viu-buy1get1": [undefined, "Viu"],
  "xl-home": ["internet", "XL Home"],
};

async function tokopedia(): Promise<SeedExample[]> {
  const base = "http://tokopedia.test/api";
  const tokenUrl = "http://tokopedia.test/token";
  const cfg = { clientId: "c", clientSecret: "s", privateKeyPath: "/nonexistent", publicKeyPath: undefined, baseUrl: base, tokenUrl };
  const shipped = loadCatalog("data/products.json");
  if (!shipped.ok) throw new Error(shipped.message);
  const prepaid = new Map(shipped.catalog.tokopediaPrepaid.map((e) => [e.code, e.category]));
  const out: SeedExample[] = [];
  for (const f of loadTokopediaFixtures().values()) {
    const entry = TOKOPEDIA_PRODUCTS[f.code];
    if (!entry) throw new Error(`no kind/name for Tokopedia seed product ${f.code}`);
    const [kind, name] = entry;
    const order = JSON.parse(f.orderRequest) as { data: { id: string; attributes: { client_number: string } } };
    let bill: Bill;
    if (f.inquiryResponse !== undefined) {
      const answer = f.inquiryResponse;
      const fetch: FetchLike = async (url) =>
        url === tokenUrl
          ? Response.json({ access_token: "t", expires_in: 3600, token_type: "Bearer" })
          : new Response(answer, { status: 200, headers: { "Content-Type": "application/json" } });
      const request = JSON.parse(f.inquiryRequest!) as { data: { attributes: { client_number: string } } };
      bill = value(
        await createTokopediaProvider(cfg, { fetch, retryDelayMs: 1 }).inquiry({
          ref: order.data.id,
          productCode: f.code,
          customerNo: request.data.attributes.client_number,
        }),
        `${f.code} inquiry`,
      );
    } else {
      // A prepaid item has no inquiry: its order and the price Tokopedia states for it are the whole bill.
      const pending = JSON.parse(f.orderPending) as { data: { attributes: { sales_price: number } } };
      const amount = pending.data.attributes.sales_price;
      bill = {
        provider: "tokopedia",
        productCode: f.code,
        customerNo: order.data.attributes.client_number,
        customerName: "",
        periods: [],
        details: [],
        billAmount: amount,
        adminFee: 0,
        cost: amount,
        refs: { refId: order.data.id, orderId: order.data.id },
      };
    }
    const category = prepaid.get(f.code);
    out.push({
      provider: "tokopedia",
      name: f.code,
      kind,
      productName: same(name),
      bill,
      payment: readTokopediaOrder(f.orderDetail).outcome,
      inquiry: f.inquiryResponse !== undefined,
      ...(category && { prepaid: category }),
    });
  }
  return out;
}

export async function loadSeedExamples(): Promise<SeedExample[]> {
  return [...(await digiflazz()), ...(await iak()), ...(await tokopedia())];
}

/** Every response example file, to check none is left out. */
export function seedResponseFiles(): string[] {
  const list = (dir: string) => readdirSync(new URL(`../fixtures/${dir}/`, import.meta.url)).map((f) => `${dir}/${f}`);
  return [...list("digiflazz"), ...list("iak"), ...list("tokopedia")].filter((f) =>
    /\/(inq|pay)-[a-z]+\.json$|\.response\.(json|xml)$|\.inquiry-response\.json$|\.order-detail\.(json|jsonc|txt)$/.test(f),
  );
}
