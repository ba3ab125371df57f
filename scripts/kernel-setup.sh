#!/usr/bin/env bash
# Sets up the Debian linux-source-6.12 tree as a git repository, and the kernel's own
# scripts/kconfig/conf built from it, under the kreview cache; and beside it the same for Debian's
# linux-source-7.3 from trixie-backports (downloaded and unpacked, not installed: this is bookworm).
# Idempotent: a second run only checks the markers and prints the paths.
#
#   KREVIEW_CACHE               cache root (default: ~/.cache/kreview)
#   KREVIEW_KERNEL_VERSION      the Debian version of linux-source-6.12 to use (default below)
#   KREVIEW_KERNEL_73_VERSION   the Debian version of linux-source-7.3 to use (default below)
#   KREVIEW_DEBIAN_MIRROR       the Debian archive to fetch linux-source-7.3 from (default: the one
#                               in this machine's apt sources)
#
# Prints four lines on stdout: `tree=<git repo>` and `conf=<conf binary>` for 6.12, then
# `tree73=` and `conf73=` for 7.3; progress goes to stderr.
set -euo pipefail

cache="${KREVIEW_CACHE:-$HOME/.cache/kreview}"
tree="$cache/linux-6.12"
build="$cache/linux-6.12-build"
tarball=/usr/src/linux-source-6.12.tar.xz
marker="$tree/.git/kreview-ready"
# Pinned, so the tree (and so the commit ids, line numbers and golden files that depend on it) is
# the same on every machine; bookworm-security keeps earlier versions of the package.
version="${KREVIEW_KERNEL_VERSION:-6.12.117-1~deb12u1}"

tree73="$cache/linux-7.3"
build73="$cache/linux-7.3-build"
marker73="$tree73/.git/kreview-ready"
# Pinned like 6.12; the suite is trixie-backports (Debian 13), signed with trixie's archive keys,
# which bookworm's debian-archive-keyring ships.
version73="${KREVIEW_KERNEL_73_VERSION:-7.3.4-1~bpo13+1}"
suite73=trixie-backports

say() { printf 'kernel-setup: %s\n' "$*" >&2; }

ready73() { [[ -f "$marker73" && $(sed -n 2p "$marker73") == "$version73" && -x "$build73/scripts/kconfig/conf" ]]; }

if [[ -f "$marker" && -x "$build/scripts/kconfig/conf" ]] && ready73; then
  printf 'tree=%s\nconf=%s\n' "$tree" "$build/scripts/kconfig/conf"
  printf 'tree73=%s\nconf73=%s\n' "$tree73" "$build73/scripts/kconfig/conf"
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

# --- linux-source-7.3 -------------------------------------------------------------------------

# The Debian archive this machine's apt uses (deb822 `URIs:` or one-line `deb` entries), not the
# security one.
debian_mirror() {
  local f uri
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] || continue
    uri=$(sed -nE -e 's/^[[:space:]]*URIs:[[:space:]]*([^[:space:]]+).*/\1/p' \
      -e 's/^[[:space:]]*deb[[:space:]]+(\[[^]]*\][[:space:]]+)?([^[:space:]]+).*/\2/p' "$f" |
      grep -E '/debian/?$' | head -n 1 || true)
    if [[ -n "$uri" ]]; then
      printf '%s\n' "${uri%/}"
      return
    fi
  done
}

# Downloads linux-source-7.3=$version73 into $1 with apt-get, using a sources list and package
# lists of its own in a temporary directory: nothing of the machine's apt state changes.
fetch_deb73() {
  local dest=$1 mirror tmp
  mirror="${KREVIEW_DEBIAN_MIRROR:-$(debian_mirror)}"
  if [[ -z "$mirror" ]]; then
    say "cannot find a Debian archive in /etc/apt/sources.list*; set KREVIEW_DEBIAN_MIRROR"
    exit 1
  fi
  tmp=$(mktemp -d)
  chmod 755 "$tmp"
  mkdir -p "$tmp/lists/partial" "$tmp/cache/archives/partial"
  local keys=/usr/share/keyrings/debian-archive-trixie-stable.gpg,/usr/share/keyrings/debian-archive-trixie-automatic.gpg
  printf 'deb [signed-by=%s] %s %s main\n' "$keys" "$mirror" "$suite73" >"$tmp/sources.list"
  local apt=(-q -o Dir::Etc::sourcelist="$tmp/sources.list" -o Dir::Etc::sourceparts=-
    -o Dir::State::Lists="$tmp/lists" -o Dir::Cache="$tmp/cache" -o APT::Get::List-Cleanup=0
    -o APT::Sandbox::User="$(id -un)" -o Debug::NoLocking=1)
  say "fetching linux-source-7.3=$version73 from $suite73"
  apt-get "${apt[@]}" update >&2
  (cd "$dest" && apt-get "${apt[@]}" download "linux-source-7.3=$version73" >&2)
  rm -rf "$tmp"
}

if ! [[ -f "$marker73" && $(sed -n 2p "$marker73") == "$version73" ]]; then
  for tool in apt-get dpkg-deb xz tar git; do
    command -v "$tool" >/dev/null || { say "missing $tool"; exit 1; }
  done
  rm -rf "$tree73" "$tree73.tmp" "$build73"
  mkdir -p "$tree73.tmp/.deb"
  fetch_deb73 "$tree73.tmp/.deb"
  deb=$(find "$tree73.tmp/.deb" -name 'linux-source-7.3_*.deb' | head -n 1)
  [[ -n "$deb" ]] || { say "apt-get download left no linux-source-7.3 .deb"; exit 1; }
  say "unpacking $(basename "$deb") into $tree73"
  # Only the tarball is needed: extract the .deb's data into a scratch dir, then untar the source.
  dpkg-deb -x "$deb" "$tree73.tmp/.deb/data"
  xz -T2 -dc "$tree73.tmp/.deb/data/usr/src/linux-source-7.3.tar.xz" |
    tar -x -C "$tree73.tmp" --strip-components=1
  rm -rf "$tree73.tmp/.deb"
  cd "$tree73.tmp"
  git init -q -b main
  git config core.autocrlf false
  git config gc.auto 0
  say "committing $(find . -path ./.git -prune -o -type f -print | wc -l) files"
  git add -A -f .
  GIT_AUTHOR_NAME=kreview GIT_AUTHOR_EMAIL=kreview@localhost GIT_AUTHOR_DATE='2026-11-15T00:00:00Z' \
    GIT_COMMITTER_NAME=kreview GIT_COMMITTER_EMAIL=kreview@localhost \
    GIT_COMMITTER_DATE='2026-11-15T00:00:00Z' \
    git commit -q -m "Linux 7.3 (Debian linux-source-7.3 $version73)"
  git tag -f v7.3 >/dev/null
  cd - >/dev/null
  mv "$tree73.tmp" "$tree73"
  # The marker holds the commit id, then the Debian version it was made from.
  printf '%s\n%s\n' "$(git -C "$tree73" rev-parse HEAD)" "$version73" >"$marker73"
fi

if [[ ! -x "$build73/scripts/kconfig/conf" ]]; then
  say "building scripts/kconfig/conf in $build73"
  mkdir -p "$build73"
  make -s -C "$tree73" O="$build73" ARCH=x86_64 allnoconfig >/dev/null
fi

printf 'tree=%s\nconf=%s\n' "$tree" "$build/scripts/kconfig/conf"
printf 'tree73=%s\nconf73=%s\n' "$tree73" "$build73/scripts/kconfig/conf"
