#!/usr/bin/env bash
# npm start [-- --reset] [-- --port N] [-- --data-dir DIR] [-- --ephemeral]
# Brings the whole system up on this machine: installs dependencies if needed, checks Java, builds the
# portal when its sources changed, then runs the local cloud (DynamoDB Local, s3rver, fauxqs, the
# data folder's session-signing key, the local API gateway with the session authorizer, event bus,
# queue and stream pollers, schedules). PORT defaults to 3000. --reset also replaces the signing key,
# which ends every session.
source "$(dirname "$0")/setup.sh"
ensure_deps
ensure_java
ensure_web_build

# s3rver's paging needs the legacy OpenSSL provider.
export NODE_OPTIONS="${NODE_OPTIONS:-} --openssl-legacy-provider"
export PORT="${PORT:-3000}"
# --exit-with-parent: npm does not pass SIGTERM on to us, so stop (and stop the emulators) when it dies.
exec node --import tsx "$ROOT/packages/local-cloud/src/main.ts" --exit-with-parent "$@"
