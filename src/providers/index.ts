import type { Catalog } from "../billing/catalog.js";
import type { Config } from "../config.js";
import { createDigiflazzProvider } from "./digiflazz.js";
import { createIakProvider } from "./iak.js";
import type { Provider } from "./provider.js";
import { createSandboxProvider } from "./sandbox.js";
import { createTokopediaProvider } from "./tokopedia.js";

/** The provider named by PROVIDER, built from its configuration (and, for Tokopedia's prepaid products, the catalog). */
export function createProvider(config: Config, catalog?: Catalog): Provider {
  switch (config.provider) {
    case "sandbox":
      return createSandboxProvider();
    case "digiflazz":
      return createDigiflazzProvider(config.digiflazz);
    case "iak":
      return createIakProvider(config.iak);
    case "tokopedia":
      return createTokopediaProvider(config.tokopedia, { prepaidCatalog: catalog?.tokopediaPrepaid });
  }
}
