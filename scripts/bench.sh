#!/usr/bin/env bash
# `npm run bench`: bundle sizes and init times, the portal's first-load JS, API vs bare DynamoDB latency (ratios in one run).
source "$(dirname "$0")/setup.sh"
ensure_deps
ensure_java
ensure_browser
ensure_web_build
NODE_NO_WARNINGS=1 exec npx tsx tests/bench/run.ts "$@"
