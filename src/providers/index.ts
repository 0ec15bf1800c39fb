import type { ProviderName } from "../billing/bill.js";
import type { Catalog } from "../billing/catalog.js";
import type { Config } from "../config.js";
import { createDigiflazzProvider } from "./digiflazz/index.js";
import { createIakProvider } from "./iak/index.js";
import type { Provider } from "./provider.js";
import { createSandboxProvider } from "./sandbox/index.js";
import { createTokopediaProvider } from "./tokopedia/index.js";

/**
 * The provider named by PROVIDER (or `name`), built from its configuration (and, for Tokopedia's
 * prepaid products, the catalog). `now` is the app's clock: prepaid quotes are dated by it, and
 * Digiflazz's 90-day limit on a resend is measured by it.
 */
export function createProvider(config: Config, catalog?: Catalog, now?: () => number, name: ProviderName = config.provider): Provider {
  const clock = now && { now: () => new Date(now()) };
  switch (name) {
    case "sandbox":
      return createSandboxProvider();
    case "digiflazz":
      return createDigiflazzProvider(config.digiflazz, { ...clock });
    case "iak":
      return createIakProvider(config.iak, { ...clock });
    case "tokopedia":
      return createTokopediaProvider(config.tokopedia, { prepaidCatalog: catalog?.tokopediaPrepaid, ...clock });
  }
}

/** Every provider of PROVIDERS, the primary first. */
export function createProviders(config: Config, catalog?: Catalog, now?: () => number): Provider[] {
  return config.providers.map((name) => createProvider(config, catalog, now, name));
}

/** The providers in use by name, the primary first (PROVIDERS' order: the tie-break between equal routes). */
export class ProviderSet {
  private readonly byName: Map<ProviderName, Provider>;

  constructor(readonly all: readonly Provider[]) {
    if (all.length === 0) throw new Error("no provider");
    this.byName = new Map(all.map((p) => [p.name, p]));
  }

  get primary(): Provider {
    return this.all[0]!;
  }

  get names(): ProviderName[] {
    return this.all.map((p) => p.name);
  }

  get(name: string): Provider | undefined {
    return this.byName.get(name as ProviderName);
  }
}
