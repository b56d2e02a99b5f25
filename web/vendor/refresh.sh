#!/bin/sh
# Rebuilds the vendored files of this folder from the exact versions package-lock.json pins:
# installs them into a temporary folder (no node_modules is left here) and copies the built ES
# modules and their licences. To move to newer versions: edit package.json, run
# `npm install --package-lock-only --ignore-scripts` here, then this script, then the tests.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

cp "$here/package.json" "$here/package-lock.json" "$work/"
# --ignore-scripts: nothing from the registry runs here; the files are used as published.
(cd "$work" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)

modules="$work/node_modules"
cp "$modules/marked/lib/marked.esm.js" "$here/marked.esm.js"
cp "$modules/marked/LICENSE" "$here/marked.LICENSE.md"
cp "$modules/dompurify/dist/purify.es.mjs" "$here/purify.es.mjs"
cp "$modules/dompurify/LICENSE" "$here/dompurify.LICENSE-Apache-2.0"
cp "$modules/dompurify/LICENSE-MPL" "$here/dompurify.LICENSE-MPL-2.0"

echo "vendored: marked $(node -p "require('$modules/marked/package.json').version")," \
  "dompurify $(node -p "require('$modules/dompurify/package.json').version")"
