import type { Db } from "../db/database.js";
import { DepositRequests } from "../db/deposit-requests.js";
import { Favorites } from "../db/favorites.js";
import { MarkupRules } from "../db/markup-rules.js";
import { PrepaidProducts } from "../db/prepaid-products.js";
import { PriceLists } from "../db/price-lists.js";
import { Users } from "../db/users.js";
import { Wallet } from "../payments/wallet.js";

/** The repositories on the database, and the wallet that moves balances. */
export function openStores(db: Db) {
  const priceLists = new PriceLists(db);
  return {
    users: new Users(db),
    wallet: new Wallet(db),
    favorites: new Favorites(db),
    depositRequests: new DepositRequests(db),
    priceLists,
    prepaidProducts: new PrepaidProducts(db, priceLists),
    markupRules: new MarkupRules(db),
  };
}
export type Stores = ReturnType<typeof openStores>;
