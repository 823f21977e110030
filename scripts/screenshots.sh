#!/usr/bin/env bash
# Renders the README's screenshots from real frames: runs `mde-triage --demo` in a private tmux
# session of a fixed size, types the keys that open each view, and saves what the terminal shows
# as PNG (plus .txt and .ans) under screenshots/.
#
#   scripts/screenshots.sh
#
# Needs tmux and python3 with Pillow (`pip install pillow`). Uses /work/shared/tools/tui-shot
# unless TUI_SHOT names another copy; builds the debug binary (in CARGO_TARGET_DIR, else target/)
# unless MDE_TRIAGE_BIN names one.
set -euo pipefail
cd "$(dirname "$0")/.."
shot=${TUI_SHOT:-/work/shared/tools/tui-shot}
if [ -z "${MDE_TRIAGE_BIN:-}" ]; then
  cargo build --quiet
  MDE_TRIAGE_BIN=${CARGO_TARGET_DIR:-$PWD/target}/debug/mde-triage
fi
out=$PWD/screenshots
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
# A private home: the demo's logs and config never touch the user's.
export HOME=$work/home XDG_CONFIG_HOME=$work/home/config XDG_STATE_HOME=$work/home/state
export XDG_DATA_HOME=$work/home/data

# view NAME COLS ROWS EXPECT [KEYS...]: one screenshot, taken after the last group of keys. The
# shot is retaken (up to three times) until its text shows EXPECT, so a key typed while the demo
# was still starting cannot leave a wrong picture behind.
view() {
  local name=$1 cols=$2 rows=$3 expect=$4
  shift 4
  local args=() n=0 try
  for k in "$@"; do args+=(-k "$k"); n=$((n + 1)); done
  for try in 1 2 3; do
    "$shot" -x "$cols" -y "$rows" -w 5 -o "$work/$name" "${args[@]}" -- "$MDE_TRIAGE_BIN" --demo >/dev/null
    grep -qF -- "$expect" "$work/$name-$n.txt" && break
    echo "retaking $name (attempt $try did not show \"$expect\")" >&2
  done
  for ext in png txt ans; do
    [ -f "$work/$name-$n.$ext" ] && cp "$work/$name-$n.$ext" "$out/$name.$ext"
  done
  echo "screenshots/$name.png"
}

view list-detail 160 48 'Evidence' Enter
view evidence-tree 120 40 'proc ' Enter Tab z
view classify-dialog 120 40 'True positive' c
view help 160 48 'Keys and filter fields' '?'
view filter 120 32 'hash:' / 'h a'
view small-80x24 80 24 'Detail' Enter
view device-panel 160 48 'Isolation' Enter d
view incidents 120 32 'Open incidents' I l
view process-story 120 32 'Process story' Enter P
