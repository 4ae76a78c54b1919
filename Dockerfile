# syntax=docker/dockerfile:1

# Build: compile TypeScript to dist/ with the full (dev) dependency set.
FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# Runtime: production dependencies and compiled code only, run as the unprivileged "node" user.
FROM node:20-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
# The bundled demo corpus; a new named volume starts with a copy of it.
COPY data/hf-papers-page.txt ./data/hf-papers-page.txt
RUN chown -R node:node /app/data
ENV DATA_DIR=/app/data
USER node
VOLUME /app/data
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD ["node", "dist/healthcheck.js"]
CMD ["node", "dist/main.js"]
