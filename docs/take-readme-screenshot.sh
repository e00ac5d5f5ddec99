#!/bin/sh
# Re-takes docs/customers-screen.png the way the README promises: the real window under
# Xvfb, typed into with the keyboard (xdotool), captured with `import -window root`.
# Needs xvfb, xdotool, imagemagick and a built app (cargo xtask run, or cargo xtask ui
# && cargo build). The other pictures in docs/screens come from the end-to-end suite:
# DESK_E2E_SCREENSHOTS=$PWD/docs/screens cargo xtask test
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
DESK_DATA_DIR="$data" xvfb-run -a -s "-screen 0 1280x800x24" sh -c '
  "$0/target/debug/customer-desk" 2>/dev/null & app=$!
  sleep 5
  # First run: the set-up screen, email field first.
  xdotool mousemove 600 299 click 1
  xdotool type --delay 5 "ada.admin@example.com"; xdotool key Tab
  xdotool type --delay 5 "Ada Admin"; xdotool key Tab
  xdotool type --delay 5 "violet kettle harbour"; xdotool key Return
  sleep 2
  xdotool mousemove 1016 166 click 1
  add() {
    xdotool type --delay 5 "$1"; xdotool key Tab
    xdotool type --delay 5 "$2"; xdotool key Tab
    xdotool type --delay 5 "$3"; xdotool key Tab
    # Escape closes the currency suggestions, so Return submits the form.
    xdotool key ctrl+a; xdotool type --delay 5 "$4"; xdotool key Escape Return
    sleep 0.8
  }
  add amara.okafor@example.com Amara Okafor EUR
  add lukas.brandt@example.de Lukas Brandt EUR
  add sofia.delgado@example.es Sofía "de la Cruz" EUR
  add kenji.mori@example.jp Kenji Mori JPY
  add emma.wilson@example.co.uk Emma Wilson GBP
  add noah.fischer@example.ch Noah Fischer CHF
  add olivia.brown@example.com Olivia Brown USD
  add Lukas.Brandt@example.de Lukas Brandt EUR
  sleep 1
  import -window root -crop 1200x760+0+0 +repage "$0/docs/customers-screen.png"
  kill $app
' "$root"
