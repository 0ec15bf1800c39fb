# Tagihan Bot: Node 20 on Debian slim, with Debian's Chromium for the WhatsApp channel.
FROM node:20-bookworm-slim

# python3/make/g++ build better-sqlite3 from source; chromium and its fonts run WhatsApp Web.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ chromium fonts-liberation ca-certificates tini \
 && rm -rf /var/lib/apt/lists/*

ENV NODE_ENV=production \
    PUPPETEER_SKIP_DOWNLOAD=true \
    WHATSAPP_CHROMIUM_PATH=/usr/bin/chromium

WORKDIR /app
COPY package.json package-lock.json .puppeteerrc.cjs ./
# tsx (a dev dependency) runs the TypeScript sources, so the whole lockfile is installed.
RUN npm ci && npm cache clean --force

COPY tsconfig.json ./
COPY src ./src
COPY conversations ./conversations
COPY locales ./locales
COPY data/products.json ./data/products.json

# The bot runs as the image's unprivileged `node` user; data/ (database, WhatsApp session,
# backups) is a volume it owns.
RUN mkdir -p /app/data && chown -R node:node /app/data
USER node
VOLUME ["/app/data"]

# The same command as `npm start`. tini forwards SIGTERM straight to node (no npm or tsx process in
# between), so the bot can finish what is in flight before it exits.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--heap-growing-percent=50", "--max-semi-space-size=4", "--import", "tsx", "src/main.ts"]
