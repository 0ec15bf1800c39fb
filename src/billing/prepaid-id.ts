/** Transactions and favorites name a prepaid product as "prepaid:<the provider's code>". */
const PREFIX = "prepaid:";
export const prepaidProductId = (code: string) => `${PREFIX}${code}`;
/** The provider's code of a prepaid product id; undefined for a catalog (postpaid) product. */
export const prepaidCode = (productId: string) => (productId.startsWith(PREFIX) ? productId.slice(PREFIX.length) : undefined);
