# The ledger application. better-sqlite3 compiles from source when no prebuilt binary is reachable,
# hence the build tools in the first stage, and node-gyp pointed at the headers the image already
# has (it would download them otherwise).
FROM node:20-bookworm-slim AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local
WORKDIR /app
# The dependencies first, so a change to the sources does not install (and compile) them again;
# of their install scripts only better-sqlite3's is needed (its native binding).
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /app /app
# Not root: the process writes only its checkpoints (and an embedded store, if one is used) under data/.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
ENV NODE_ENV=production
EXPOSE 3000
ENTRYPOINT ["node", "bin/ledger.js"]
CMD ["serve"]
