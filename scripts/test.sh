#!/usr/bin/env bash
# `npm test`: every test — types, domain unit tests, integration tests against the local cloud's real
# emulators, CDK assertions and the portal in headless Chromium. Extra arguments go to jest.
source "$(dirname "$0")/setup.sh"
ensure_deps
ensure_java
ensure_browser
ensure_web_build
say "类型检查 / type-checking"
npx tsc -p tsconfig.json --noEmit
npx tsc -p web/tsconfig.json --noEmit
say "运行测试 / running jest (unit, integration, infra, e2e)"
NODE_NO_WARNINGS=1 npx jest --ci "$@"
