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
say "运行测试 / running jest (unit, integration, generated, infra, e2e)"
mkdir -p .test-artifacts
rm -f .test-artifacts/jest-results.json
status=0
NODE_NO_WARNINGS=1 npx jest --ci --json --outputFile=.test-artifacts/jest-results.json "$@" || status=$?
# One plain closing line that any CI reads the same way.
# A suite that could not run counts as a failure too.
node -e 'const r = require("./.test-artifacts/jest-results.json"); console.log(`${r.numPassedTests} passed, ${r.numFailedTests + r.numRuntimeErrorTestSuites} failed, ${r.numPendingTests} skipped`)' 2>/dev/null || echo "0 passed, 1 failed"
exit $status
