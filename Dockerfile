# scim-conform as a container image, the package installed as a user installs it (npm pack → npm install):
#   docker build -t scim-conform .
#   docker run --rm -e SCIM_TOKEN -v "$PWD/scim-report:/report" --user "$(id -u):$(id -g)" \
#     scim-conform run --url https://api.example.com/scim/v2 --accept-side-effects --out /report
# The entry point is the scim-conform CLI, so every command and flag works as documented (`… scim-conform --help`).

# 1. Pack: dev dependencies for the TypeScript compiler; prepack compiles to dist/. Nothing native is needed here.
FROM node:20-bookworm-slim AS pack
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm pack --pack-destination /tmp

# 2. Install the tarball with production dependencies only. better-sqlite3's install script fetches a prebuilt
#    binary and compiles one where none fits the platform: python3, make and g++ for that, in this stage only.
FROM node:20-bookworm-slim AS install
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/scim-conform
COPY --from=pack /tmp/scim-conform-*.tgz /tmp/
RUN echo '{"private":true,"allowScripts":{"better-sqlite3":true}}' > package.json \
 && npm install --omit=dev --no-audit --no-fund /tmp/scim-conform-*.tgz \
 && npm cache clean --force

# 3. Run: the slim base, the installed tree, a non-root user.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
COPY --from=install /opt/scim-conform /opt/scim-conform
RUN ln -s /opt/scim-conform/node_modules/scim-conform/bin/scim-conform.js /usr/local/bin/scim-conform \
 && mkdir /report && chown node:node /report
USER node
WORKDIR /report
ENTRYPOINT ["scim-conform"]
CMD ["--help"]
