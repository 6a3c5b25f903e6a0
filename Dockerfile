# One image for every service of the supergraph; docker-compose picks the command.
FROM node:20-bookworm-slim
ENV PNPM_VERSION=10.34.9 \
    APOLLO_TELEMETRY_DISABLED=true \
    NODE_ENV=production
RUN npm install --global --no-audit --no-fund "pnpm@${PNPM_VERSION}"
WORKDIR /app
COPY . .
# --prod=false: with NODE_ENV=production pnpm would skip devDependencies, and tsx (a root
# devDependency) is what runs the TypeScript sources (`node --import tsx …`).
RUN pnpm install --frozen-lockfile --prod=false
USER node
