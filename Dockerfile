# syntax=docker/dockerfile:1
# Payport's production image, three stages deep:
#   deps     npm ci (compiles better-sqlite3's native addon) + Prisma clients
#   build    next build → .next/standalone (server.js + traced node_modules)
#   tools    the full toolchain and sources: `prisma migrate deploy` and the worker
#   runtime  (default) the standalone server only, as an unprivileged user
# `docker build .` builds runtime; compose.yaml also builds `--target tools`.
# Every stage uses the same base image, so the addon compiled in deps matches
# the Node ABI and glibc of runtime.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# node-gyp needs these when better-sqlite3 has no prebuilt binary to download.
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
# npm 11 honours package.json's allowScripts (only better-sqlite3 runs an install script).
RUN npm install -g npm@11.19.1
ENV npm_config_nodedir=/usr/local NEXT_TELEMETRY_DISABLED=1 CHECKPOINT_DISABLE=1
COPY package.json package-lock.json prisma.config.ts ./
# postinstall generates both Prisma clients into lib/generated from these schemas.
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund

FROM deps AS build
COPY . .
# next build, then scripts/standalone.mjs copies .next/static (and public/) beside server.js.
RUN npm run build

FROM deps AS tools
COPY . .
# Reads its files as root-owned and read-only; runs unprivileged.
USER node
CMD ["npm", "run", "db:deploy"]

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 LOG_FORMAT=json
COPY --from=build --chown=node:node /app/.next/standalone ./
# A SQLite DATABASE_URL (file:/data/payport.db) needs a writable place; PostgreSQL does not.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
# Liveness only: /api/health answers without the database or Stripe.
HEALTHCHECK --interval=10s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "server.js"]
