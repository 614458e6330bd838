#!/usr/bin/env bash
# Installs the system packages RecLens needs when they are missing (Debian/Ubuntu):
# libxml2-dev (site validation), libopenblas-dev + liblapacke-dev (dense maths), pkg-config, and
# librsvg2-bin (rsvg-convert: PDF/PNG paper figures, `reclens figure --formats pdf,png`).
# Safe to run repeatedly.
set -euo pipefail
missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! pkg-config --exists libxml-2.0 2>/dev/null && [ ! -f /usr/include/libxml2/libxml/parser.h ]; then
  missing+=(libxml2-dev)
fi
if ! pkg-config --exists openblas 2>/dev/null && [ ! -f /usr/include/x86_64-linux-gnu/cblas.h ] && [ ! -f /usr/include/cblas.h ]; then
  missing+=(libopenblas-dev)
fi
[ -f /usr/include/lapacke.h ] || missing+=(liblapacke-dev)
command -v rsvg-convert >/dev/null 2>&1 || missing+=(librsvg2-bin)
if [ ${#missing[@]} -gt 0 ]; then
  echo "reclens: installing ${missing[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! command -v swift >/dev/null 2>&1; then
  echo "reclens: swift is not on PATH; install Swift 6 (https://www.swift.org/install/linux/) first" >&2
  exit 1
fi
