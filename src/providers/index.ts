import type { Catalog } from "../billing/catalog.js";
import type { Config } from "../config.js";
import { createDigiflazzProvider } from "./digiflazz/index.js";
import { createIakProvider } from "./iak/index.js";
import type { Provider } from "./provider.js";
import { createSandboxProvider } from "./sandbox/index.js";
import { createTokopediaProvider } from "./tokopedia/index.js";

/**
 * The provider named by PROVIDER, built from its configuration (and, for Tokopedia's prepaid
 * products, the catalog). `now` is the app's clock: prepaid quotes are dated by it, and
 * Digiflazz's 90-day limit on a resend is measured by it.
 */
export function createProvider(config: Config, catalog?: Catalog, now?: () => number): Provider {
  const clock = now && { now: () => new Date(now()) };
  switch (config.provider) {
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
