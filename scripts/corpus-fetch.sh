#!/usr/bin/env bash
# Fetch the pinned Dockerfile collections of scripts/corpus.txt into .corpus-src/ (bare, one commit each)
# and lay them out one Dockerfile per folder, with its build context, in .corpus/ (both git-ignored).
#   scripts/corpus-fetch.sh [CORPUS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.corpus}
mkdir -p .corpus-src "$out"
dirs=()
while read -r line; do
  case "$line" in ''|'#'*) continue ;; esac
  repo=${line%@*} commit=${line#*@}
  dir=.corpus-src/${repo//\//+}.git
  if [ ! -d "$dir" ]; then
    git init -q --bare "$dir"
    git --git-dir="$dir" fetch -q --depth 1 "https://github.com/$repo.git" "$commit"
    git --git-dir="$dir" update-ref HEAD "$commit"
  fi
  dirs+=("$dir")
done < scripts/corpus.txt
node scripts/corpus-extract.mjs "$out" "${dirs[@]}"
