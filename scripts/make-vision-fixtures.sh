#!/usr/bin/env bash
# Makes the committed still images for the on-screen text (OCR) tests: titles need a TrueType
# font (Debian fonts-dejavu-core), which a fresh machine may lack, so they are not drawn at test
# time. Run once after changing it: bash scripts/make-vision-fixtures.sh (uses the bundled ffmpeg).
set -euo pipefail
cd "$(dirname "$0")/.."
ffmpeg=node_modules/@ffmpeg-installer/linux-x64/ffmpeg
bold=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
regular=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
out=test/fixtures/vision
mkdir -p "$out"

# A big title with a smaller subtitle under it, outlined over a busy picture (a frame of ffmpeg's
# testsrc2), as burned-in video titles are: two lines in reading order.
# Title "CASTLE": centred, top at y=120, 96 px; subtitle "Night of the Storm": x=40, y=290, 36 px.
"$ffmpeg" -v error -y -f lavfi -i "testsrc2=s=640x360:d=1,\
drawtext=fontfile=$bold:text=CASTLE:fontsize=96:fontcolor=white:borderw=4:x=(w-tw)/2:y=120,\
drawtext=fontfile=$regular:text=Night of the Storm:fontsize=36:fontcolor=yellow:borderw=2:x=40:y=290" \
  -frames:v 1 "$out/title.png"

ls -la "$out"
