#!/usr/bin/env bash
# npm start [-- --reset] [-- --port N] [-- --data-dir DIR] [-- --ephemeral]
# Brings the whole system up on this machine: installs dependencies if needed, checks Java, builds the
# portal when its sources changed, then runs the local cloud (DynamoDB Local, s3rver, fauxqs,
# cognito-local, the local API gateway, event bus, queue pollers and schedules). PORT defaults to 3000.
source "$(dirname "$0")/setup.sh"   # set -euo pipefail, cd to the repo root, say(), ensure_deps
ROOT="$(pwd)"

# 1. Dependencies: npm ci on a fresh clone or when package-lock.json is newer than the install.
ensure_deps

# 2. Java for DynamoDB Local.
if ! java -version >/dev/null 2>&1; then
  cat >&2 <<'MSG'
[sifasuo] 未找到 Java：本地 DynamoDB 需要 Java 17。请安装：
          sudo apt-get install -y openjdk-17-jre-headless
[sifasuo] Java not found: DynamoDB Local needs Java 17. Install it with:
          sudo apt-get install -y openjdk-17-jre-headless
MSG
  exit 1
fi

# 3. The portal: build when web/dist is missing or older than any web source.
if [ -f web/package.json ] && grep -q '"build"' web/package.json; then
  need_build=0
  if [ ! -f web/dist/index.html ]; then
    need_build=1
  elif [ -n "$(find web/src web/index.html web/package.json web/vite.config.* packages/domain/src \
                  -newer web/dist/index.html -type f -print -quit 2>/dev/null)" ]; then
    need_build=1
  fi
  if [ "$need_build" = 1 ]; then
    say "构建门户 / building the portal (npm run build -w web)…"
    if ! npm run build -w web; then
      say "门户构建失败，继续启动接口 / portal build failed; starting the API anyway"
    fi
  fi
else
  say "门户尚无构建脚本，跳过 / the portal has no build yet; skipping"
fi

# 4. The local cloud (s3rver's paging needs the legacy OpenSSL provider).
export NODE_OPTIONS="${NODE_OPTIONS:-} --openssl-legacy-provider"
export PORT="${PORT:-3000}"
# --exit-with-parent: npm does not pass SIGTERM on to us, so stop (and stop the emulators) when it dies.
exec node --import tsx "$ROOT/packages/local-cloud/src/main.ts" --exit-with-parent "$@"
