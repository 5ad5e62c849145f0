# The ledger application. better-sqlite3 compiles from source when no prebuilt binary is reachable,
# hence the build tools in the first stage.
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
COPY . .
RUN npm ci && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /app /app
ENV NODE_ENV=production
EXPOSE 3000
ENTRYPOINT ["node", "bin/ledger.js"]
CMD ["serve"]
