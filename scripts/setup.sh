#!/usr/bin/env bash
# Set-up shared by `npm start`, `npm test` and `npm run bench`: each command does its own, so a fresh
# clone needs nothing but Node 20 + npm. Source this file, then call the steps you need.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '\033[36m[sifasuo]\033[0m %s\n' "$*"; }

# Dependencies: install when node_modules is missing or older than the lock file.
ensure_deps() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "安装依赖 (npm ci) / installing dependencies"
    npm ci --no-audit --no-fund
  fi
}

# DynamoDB Local is the AWS jar: it needs a Java runtime.
ensure_java() {
  if ! java -version >/dev/null 2>&1; then
    echo "未找到 Java：DynamoDB Local 需要 Java 17 或更高版本。请安装：sudo apt-get install -y openjdk-17-jre-headless" >&2
    echo "Java not found: DynamoDB Local needs Java 17+. Install it with: sudo apt-get install -y openjdk-17-jre-headless" >&2
    exit 1
  fi
}

# The portal is served from web/dist; rebuild when any source is newer than the build.
ensure_web_build() {
  if [ ! -f web/dist/index.html ] || [ -n "$(find web/src web/index.html web/package.json web/vite.config.ts packages/domain/src -newer web/dist/index.html -type f -print -quit 2>/dev/null)" ]; then
    say "构建门户 / building the portal"
    npm run build -w web
  fi
}

# Browser tests: Debian's Chromium and a CJK font (Chinese renders as boxes without one).
ensure_browser() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-wqy-microhei)
  if [ ${#missing[@]} -gt 0 ]; then
    local sudo=""
    # Never prompt (CI has no terminal): without root or password-less sudo, say what to run.
    [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
    say "安装 ${missing[*]} (apt) / installing browser test dependencies"
    if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" fontconfig >/dev/null; }; then
      echo "无法自动安装浏览器测试依赖，请执行 / could not install the browser test dependencies; run:" >&2
      echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]} fontconfig" >&2
      exit 1
    fi
  fi
}

# The documents' tests render PDFs to images and read their text and fonts: poppler's pdftoppm,
# pdftotext and pdffonts (a PDF's Chinese text is checked as drawn, not only as extracted).
ensure_pdf_tools() {
  if ! command -v pdftoppm >/dev/null 2>&1; then
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
    say "安装 poppler-utils (apt) / installing the PDF test tools"
    if ! { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq poppler-utils >/dev/null; }; then
      echo "无法自动安装 PDF 测试工具，请执行 / could not install the PDF test tools; run:" >&2
      echo "  sudo apt-get update && sudo apt-get install -y poppler-utils" >&2
      exit 1
    fi
  fi
}
