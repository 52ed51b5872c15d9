#!/usr/bin/env bash
# Makes sure every Debian package in ci/packages.txt is installed.
# As root it installs what is missing; otherwise it prints the exact apt-get line and fails,
# because a half-equipped machine would only fail later with a less helpful error.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

missing=()
while read -r pkg; do
  pkg=${pkg%%#*}; pkg=${pkg//[[:space:]]/}
  [ -n "$pkg" ] || continue
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done < "$here/packages.txt"

# The npm packages of the browser test (playwright-core, pinned by its package-lock.json), installed
# with `npm ci` when the lockfile is newer than what node_modules holds. Without npm only that test
# cannot run, so this warns instead of stopping the build.
npm_packages() {
  local dir="$here/../tests/e2e/training_browser"
  [ -f "$dir/package-lock.json" ] || return 0
  [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ] && return 0
  if ! command -v npm >/dev/null 2>&1; then
    echo "bcmhil: npm not found: the browser test (tests/e2e/training_browser) needs Node.js >= 20" \
         "with npm; install them, then run ./bcmhil again (it runs 'npm ci' there)" >&2
    return 0
  fi
  echo "bcmhil: installing the browser test's npm packages (npm ci in tests/e2e/training_browser)" >&2
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >&2)
}

if [ ${#missing[@]} -eq 0 ]; then npm_packages; exit 0; fi

if [ "$(id -u)" -ne 0 ]; then
  echo "bcmhil: missing Debian packages. Install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 3
fi
echo "bcmhil: installing ${#missing[@]} Debian package(s): ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
npm_packages
