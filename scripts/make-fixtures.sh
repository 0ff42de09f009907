#!/usr/bin/env bash
# Makes the committed media fixtures that need tools a fresh machine lacks: espeak-ng speech
# (Debian package espeak-ng) and titles drawn with a TrueType font (fonts-dejavu-core).
# Run once after changing it: bash scripts/make-fixtures.sh (uses the bundled ffmpeg).
set -euo pipefail
cd "$(dirname "$0")/.."
ffmpeg=node_modules/@ffmpeg-installer/linux-x64/ffmpeg
font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
out=test/fixtures
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$out/speech"

say() { espeak-ng -v en-us -s 150 -w "$scratch/$1.wav" "$2"; }
# Opus at 24 kb/s mono keeps each clip a few kB; the recognizer decodes any format through ffmpeg.
to_ogg() { "$ffmpeg" -v error -y -i "$1" -ac 1 -ar 16000 -c:a libopus -b:a 24k "$2"; }

# 1. A known text, for the word error rate.
known="Welcome to the media server. Today we talk about video processing and speech recognition. Thank you for listening."
say known "$known"
to_ogg "$scratch/known.wav" "$out/speech/known-text.ogg"
printf '%s\n' "$known" > "$out/speech/known-text.txt"

# 2. Two sentences with exactly two seconds of silence between them.
first="The weather is nice today."
second="We are going to the park this afternoon."
say first "$first"
say second "$second"
"$ffmpeg" -v error -y -i "$scratch/first.wav" -f lavfi -t 2 -i anullsrc=r=22050:cl=mono -i "$scratch/second.wav" \
  -filter_complex '[0:a][1:a][2:a]concat=n=3:v=0:a=1' "$scratch/pause.wav"
# The pause as heard: espeak ends each clip with some silence, so measure it rather than add up lengths.
pause=$("$ffmpeg" -i "$scratch/pause.wav" -af silencedetect=noise=-50dB:d=1 -f null - 2>&1 | awk '/silence_start/ {s=$NF} /silence_end/ {print s, $5; exit}')
read -r pause_start pause_end <<<"$pause"
to_ogg "$scratch/pause.wav" "$out/speech/two-sentences-pause.ogg"
printf '{ "first": "%s", "second": "%s", "pauseStart": %s, "pauseEnd": %s }\n' "$first" "$second" "$pause_start" "$pause_end" > "$out/speech/two-sentences-pause.json"

# 3. Three scenes of 10 s, each with a large title: chapters.
scene() { # colour title
  echo "color=c=$1:s=320x180:r=10:d=10,noise=alls=12:allf=t,drawtext=fontfile=$font:text=$2:fontsize=44:fontcolor=white:borderw=2:x=(w-tw)/2:y=(h-th)/2"
}
"$ffmpeg" -v error -y -filter_complex "$(scene 0x1f4e79 MOUNTAINS)[a];$(scene 0x7b2d26 OCEAN)[b];$(scene 0x2e6b30 FOREST)[c];[a][b][c]concat=n=3:v=1:a=0" \
  -c:v libx264 -preset veryfast -crf 30 -pix_fmt yuv420p "$out/three-scenes.mp4"

# 4. Spoken words under an on-screen title: description tags take words from both.
spoken="Welcome to the kitchen. Today we make chocolate cookies with fresh butter."
say spoken "$spoken"
"$ffmpeg" -v error -y -f lavfi -i "color=c=0x5a3e2b:s=320x180:r=10:d=8,drawtext=fontfile=$font:text=HOLIDAY BAKING:fontsize=34:fontcolor=white:borderw=2:x=(w-tw)/2:y=(h-th)/2" \
  -i "$scratch/spoken.wav" -filter_complex '[1:a]apad[a]' -map 0:v -map '[a]' -t 8 \
  -c:v libx264 -preset veryfast -crf 30 -pix_fmt yuv420p -c:a aac -b:a 32k -ac 1 -movflags +faststart "$out/spoken-title.mp4"
printf '%s\n' "$spoken" > "$out/spoken-title.txt"

ls -la "$out" "$out/speech"
