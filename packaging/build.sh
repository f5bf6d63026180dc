#!/usr/bin/env bash
# Build the one-folder bundle into dist/situation-board (Linux; on Windows run the same
# pyinstaller command from a developer prompt, then packaging/windows/situation-board.iss).
# Prints the bundle's size and the build time.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
start=$(date +%s)
make --no-print-directory translations
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/situation-board.spec
end=$(date +%s)
size=$(du -sh dist/situation-board | cut -f1)
echo "bundle: dist/situation-board ($size), built in $((end - start)) s"
