# syntax=docker/dockerfile:1
# Production image: one image, every role (api, workers, email, telegram, wechat) picked with ROLES.
# Build: docker build -t deskbot .   Run the whole shape: docker compose up (see docker-compose.yml).
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Install scripts stay off, as on the developers' npm: every native dependency ships prebuilt binaries.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY core ./core
COPY adapters ./adapters
COPY bots ./bots
COPY workers ./workers
COPY cli ./cli
# tsc emits only JavaScript: carry the other files the code loads beside itself (static web assets, …)
# into dist/. Migrations are the exception: the runtime stage ships them at the package root.
RUN npm run build \
 && find core adapters bots workers cli -type f ! -name '*.ts' ! -path 'adapters/db/migrations/*' \
      -exec cp --parents {} dist/ \;

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps \
    DATA_DIR=/data \
    HOST=0.0.0.0 \
    PORT=3000 \
    DESK_CONFIG=/app/desk.example.yaml
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY adapters/db/migrations ./adapters/db/migrations
COPY desk.example.yaml ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# Only the api role serves HTTP; docker-compose.yml turns this check off for the other roles.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/healthz`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/cli/main.js", "start"]
