import { formatDateTimeWib } from "../billing/format.js";
import type { RouteNews } from "../pricing/route-health.js";
import type { BotDeps } from "./deps.js";

/** Tells every admin that a provider left routing after a run of failures, or came back after a successful check. */
export function routeNewsAlert(notifyAdmins: BotDeps["notifyAdmins"]): (news: RouteNews) => Promise<void> {
  return async (news) => {
    await notifyAdmins((t) =>
      news.kind === "out"
        ? t("route-provider-out", { provider: news.provider, failures: news.failures, until: formatDateTimeWib(news.until, t) })
        : t("route-provider-back", { provider: news.provider }),
    );
  };
}
