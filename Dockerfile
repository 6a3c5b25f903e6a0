# One image for every service of the supergraph; docker-compose picks the command.
FROM node:20-bookworm-slim
ENV PNPM_VERSION=10.34.9 \
    APOLLO_TELEMETRY_DISABLED=true \
    NODE_ENV=production
RUN npm install --global --no-audit --no-fund "pnpm@${PNPM_VERSION}"
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile
USER node
