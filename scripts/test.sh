#!/usr/bin/env bash
# `npm test`: every test — types, domain unit tests, integration tests against the local cloud's real
# emulators, CDK assertions and the portal in headless Chromium. Extra arguments go to jest.
source "$(dirname "$0")/setup.sh"
ensure_deps
ensure_java
ensure_browser
ensure_pdf_tools
ensure_web_build
say "类型检查 / type-checking"
npx tsc -p tsconfig.json --noEmit
npx tsc -p web/tsconfig.json --noEmit
mkdir -p .test-artifacts
rm -f .test-artifacts/jest-*.json
status=0
if [ $# -gt 0 ]; then
  say "运行测试 / running jest $*"
  NODE_NO_WARNINGS=1 npx jest --ci --json --outputFile=.test-artifacts/jest-all.json "$@" || status=$?
else
  # Two jest runs side by side, one file at a time each: the browser tests (which keep one core busy
  # with Chromium) and everything else (which mostly waits on the emulators). Each starts only its
  # own projects' local clouds. The browser run's output goes to a file, shown when both are done.
  say "运行测试 / running jest: e2e beside unit, integration, generated, infra (e2e log: .test-artifacts/jest-e2e.log)"
  NODE_NO_WARNINGS=1 npx jest --ci --json --outputFile=.test-artifacts/jest-e2e.json --selectProjects e2e > .test-artifacts/jest-e2e.log 2>&1 &
  e2e=$!
  NODE_NO_WARNINGS=1 npx jest --ci --json --outputFile=.test-artifacts/jest-rest.json --selectProjects unit integration generated infra || status=$?
  wait $e2e || status=$?
  say "浏览器测试 / the browser tests' output"
  cat .test-artifacts/jest-e2e.log
fi
# One plain closing line that any CI reads the same way; a suite that could not run counts as a
# failure too, and so does a run that wrote no results.
node -e '
  const fs = require("fs");
  const files = fs.readdirSync(".test-artifacts").filter((f) => /^jest-.*\.json$/.test(f)).map((f) => require(`./.test-artifacts/${f}`));
  const expected = process.argv[1] === "all" ? 1 : 2;
  const sum = (k) => files.reduce((n, r) => n + r[k], 0);
  const failed = sum("numFailedTests") + sum("numRuntimeErrorTestSuites") + Math.max(0, expected - files.length);
  console.log(`${sum("numPassedTests")} passed, ${failed} failed, ${sum("numPendingTests")} skipped`);
' "$([ $# -gt 0 ] && echo all || echo split)" 2>/dev/null || echo "0 passed, 1 failed"
exit $status
