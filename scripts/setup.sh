#!/usr/bin/env bash
# Installs the Debian 12 packages contractc needs to build and test.
# Run as root (or through sudo).  Safe to run again: apt skips what is there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config clang valgrind
  libyaml-dev libcjson-dev libcunit1-dev libsodium-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
