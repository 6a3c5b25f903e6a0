# One image for every service of the supergraph; docker-compose and Kubernetes pick the
# command. Services run their TypeScript with tsx as one process
# (`node --import tsx/esm router/src/main.ts`), so SIGTERM reaches them. `tsx/esm` loads the
# TypeScript (all ES modules) and leaves `require` to Node: tsx's CommonJS hook would resolve
# every `require` again, and libraries call it per request (Apollo's hashing: 5.4 µs a call
# against 1.1). The migration is
# `node --import tsx/esm packages/prisma-tools/src/cli.ts deploy`.
#
# It runs as uid 1000 with a read-only root filesystem: nothing is written at run time
# but tsx's compile cache in the temporary directory, so give it a writable /tmp (an
# emptyDir in Kubernetes, a tmpfs in docker-compose).
ARG NODE_IMAGE=node:20-bookworm-slim

# Every dependency, dev ones included: `pnpm install` generates the Prisma clients
# (subgraphs/*/src/generated) with the Prisma CLI, offline.
FROM ${NODE_IMAGE} AS build
ENV PNPM_VERSION=10.34.9 \
    CI=true
RUN npm install --global --no-audit --no-fund "pnpm@${PNPM_VERSION}"
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile
# Then production dependencies only, of what the image runs: the root (tsx), the router,
# the subgraphs and the migration tools, with their workspace packages. From pnpm's store,
# without scripts (the generated clients are already there, nothing else needs a build).
RUN find . -name node_modules -type d -prune -exec rm -rf {} + \
 && pnpm install --frozen-lockfile --prod --offline --ignore-scripts \
      --filter-prod travel-supergraph \
      --filter-prod "@travel/router..." \
      --filter-prod "@travel/accounts..." \
      --filter-prod "@travel/hotels..." \
      --filter-prod "@travel/bookings..." \
      --filter-prod "@travel/trips..." \
      --filter-prod "@travel/prisma-tools..." \
 && rm -rf bench test deploy .ci

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    APOLLO_TELEMETRY_DISABLED=true
WORKDIR /app
# Owned by root and not writable by the service's user, whatever the filesystem.
COPY --from=build /app /app
# The node image's unprivileged user, by number so Kubernetes can check runAsNonRoot.
USER 1000:1000
EXPOSE 4000 4001 4002 4003 4004
CMD ["node", "--import", "tsx/esm", "router/src/main.ts"]
