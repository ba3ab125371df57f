#!/usr/bin/env bash
# Sets up the Debian linux-source-6.12 tree as a git repository, and the kernel's own
# scripts/kconfig/conf built from it, under the kreview cache. Idempotent: a second run only
# checks the marker and prints the paths.
#
#   KREVIEW_CACHE            cache root (default: ~/.cache/kreview)
#   KREVIEW_KERNEL_VERSION   the Debian version of linux-source-6.12 to use (default below)
#
# Prints two lines on stdout: `tree=<git repo>` and `conf=<conf binary>`; progress goes to stderr.
set -euo pipefail

cache="${KREVIEW_CACHE:-$HOME/.cache/kreview}"
tree="$cache/linux-6.12"
build="$cache/linux-6.12-build"
tarball=/usr/src/linux-source-6.12.tar.xz
marker="$tree/.git/kreview-ready"
# Pinned, so the tree (and so the commit ids, line numbers and golden files that depend on it) is
# the same on every machine; bookworm-security keeps earlier versions of the package.
version="${KREVIEW_KERNEL_VERSION:-6.12.117-1~deb12u1}"

say() { printf 'kernel-setup: %s\n' "$*" >&2; }

if [[ -f "$marker" && -x "$build/scripts/kconfig/conf" ]]; then
  printf 'tree=%s\nconf=%s\n' "$tree" "$build/scripts/kconfig/conf"
  exit 0
fi

need=()
installed=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null || true)
[[ -f "$tarball" && "$installed" == "$version" ]] || need+=("linux-source-6.12=$version")
for tool in flex bison make gcc xz bc; do
  command -v "$tool" >/dev/null || need+=("$([[ $tool == xz ]] && echo xz-utils || echo "$tool")")
done
if ((${#need[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    say "missing Debian packages: ${need[*]}; install them with: sudo apt-get install ${need[*]}"
    exit 1
  fi
  say "installing ${need[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends --allow-downgrades "${need[@]}" >&2
fi

if [[ ! -f "$marker" ]]; then
  say "unpacking $tarball into $tree"
  rm -rf "$tree" "$tree.tmp"
  mkdir -p "$tree.tmp"
  xz -T2 -dc "$tarball" | tar -x -C "$tree.tmp" --strip-components=1
  cd "$tree.tmp"
  git init -q -b main
  git config core.autocrlf false
  git config gc.auto 0
  # Debian appends "/*" and "!/debian/" to the top-level .gitignore, which would hide every file
  # from `git add -A`; -f adds the whole unpacked tree as it is.
  say "committing $(find . -path ./.git -prune -o -type f -print | wc -l) files"
  git add -A -f .
  # A fixed identity and date make the commit id the same on every machine for the same package.
  GIT_AUTHOR_NAME=kreview GIT_AUTHOR_EMAIL=kreview@localhost GIT_AUTHOR_DATE='2024-11-17T00:00:00Z' \
    GIT_COMMITTER_NAME=kreview GIT_COMMITTER_EMAIL=kreview@localhost \
    GIT_COMMITTER_DATE='2024-11-17T00:00:00Z' \
    git commit -q -m "Linux 6.12 (Debian linux-source-6.12 $version)"
  git tag -f v6.12 >/dev/null
  cd - >/dev/null
  mv "$tree.tmp" "$tree"
  git -C "$tree" rev-parse HEAD >"$marker"
fi

if [[ ! -x "$build/scripts/kconfig/conf" ]]; then
  say "building scripts/kconfig/conf in $build"
  mkdir -p "$build"
  # Building conf through the kernel's own make keeps the source tree clean (O=).
  make -s -C "$tree" O="$build" ARCH=x86_64 allnoconfig >/dev/null
fi

printf 'tree=%s\nconf=%s\n' "$tree" "$build/scripts/kconfig/conf"
