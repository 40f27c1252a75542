#!/usr/bin/env bash
# The images that compose/docker-compose.yml runs or builds on, besides its own: RabbitMQ, Redis, and the .NET SDK and
# runtime under compose/worker.Dockerfile. For each, the official image (named in compose/.env.example) when the
# engine has it or can pull it; where no registry answers (air-gapped machines, this project's CI), a local stand-in
# built from the Dockerfiles in compose/local-images/:
#
#   isolated-runtime/debian:bookworm        Debian 12 minbase, bootstrapped with mmdebstrap from the mirrors apt uses here
#   isolated-runtime/rabbitmq:bookworm      Debian's rabbitmq-server with the management plugin
#   isolated-runtime/redis:bookworm         Debian's redis-server
#   isolated-runtime/dotnet-runtime:X.Y     this machine's .NET runtime (dotnet --info: Base Path), user app (uid 1654)
#   isolated-runtime/dotnet-sdk:X.Y         this machine's .NET SDK and CA bundle, on the runtime image
#
# Usage:
#   scripts/docker-images.sh [build] [--local] [--env-file FILE]   make sure all four exist; print what to use
#   scripts/docker-images.sh env [--env-file FILE]                 print what to use among the images present;
#                                                                  build nothing (exit 1 when one is missing)
# It prints RABBITMQ_IMAGE=…, REDIS_IMAGE=…, DOTNET_SDK_IMAGE=… and DOTNET_RUNTIME_IMAGE=… (progress goes to
# stderr), or with --env-file sets those four lines in FILE (e.g. compose/.env). --local builds the stand-ins even
# where a registry answers. A second run builds nothing: each image carries a label with the hash of what it was made
# from, and is remade only when that changes (docker's layer cache keeps the rest).
#
# Needs a Docker engine (scripts/docker-engine.sh up) and, for the stand-ins, root and the Debian package mmdebstrap
# (installed when missing).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
images="$repo/compose/local-images"
keys=(RABBITMQ_IMAGE REDIS_IMAGE DOTNET_SDK_IMAGE DOTNET_RUNTIME_IMAGE)
recipe_label=org.isolated-runtime.recipe

fail() {
  echo "docker-images.sh: $*" >&2
  exit 1
}

say() {
  echo "docker-images.sh: $*" >&2
}

command=build
local_only=false
env_file=""
while [ $# -gt 0 ]; do
  case "$1" in
    build | env) command=$1 ;;
    --local) local_only=true ;;
    --env-file)
      [ $# -ge 2 ] || fail "--env-file needs a file, e.g. --env-file compose/.env"
      env_file=$2
      shift
      ;;
    *)
      echo "Usage: $0 [build|env] [--local] [--env-file FILE]" >&2
      exit 2
      ;;
  esac
  shift
done

docker version --format '{{.Server.Version}}' >/dev/null 2>&1 ||
  fail "no Docker engine answers (DOCKER_HOST=${DOCKER_HOST:-unset}); start one with: eval \"\$(scripts/docker-engine.sh up)\""

# One run at a time on this machine: two at once would bootstrap and build the same images twice.
exec 9>"${TMPDIR:-/tmp}/isolated-runtime-docker-images.lock"
flock 9

official() {
  sed -n "s/^$1=//p" "$repo/compose/.env.example"
}

present() {
  docker image inspect "$1" >/dev/null 2>&1
}

recipe_of() {
  docker image inspect --format "{{index .Config.Labels \"$recipe_label\"}}" "$1" 2>/dev/null || true
}

hash_of() {
  sha256sum | cut -c1-16
}

# This machine's .NET: where it is installed (dotnet --info: Base Path), its newest runtime and its SDK version.
# Asked once, before any image is resolved, because dotnet takes a while to answer.
dotnet_facts() {
  command -v dotnet >/dev/null 2>&1 || return 0
  dotnet_root=$(dotnet --info | sed -n 's|^ *Base Path: *\(.*\)/sdk/[^/]*/*$|\1|p' | head -n 1)
  dotnet_runtime=$(dotnet --list-runtimes | sed -n 's/^Microsoft\.NETCore\.App \([0-9.]*\) .*/\1/p' | sort -V | tail -n 1)
  dotnet_sdk=$(dotnet --version)
}

# The Debian mirrors apt uses on this machine, as sources.list lines, for the bootstrap.
debian_sources() {
  apt-get indextargets --format '$(SITE) $(RELEASE) $(COMPONENT)' 'Identifier: Packages' 2>/dev/null |
    awk '$2 ~ /^bookworm(-updates|-security)?$/ && $3 == "main" { print "deb " $1 " " $2 " main" }' | sort -u
}

build_base() {
  local tag=isolated-runtime/debian:bookworm recipe
  # The hooks: no service starts during package installs (as in Docker's Debian images), no documentation.
  local options=(--variant=minbase --aptopt='APT::Install-Recommends "false"'
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright'
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*'
    --customize-hook='printf "#!/bin/sh\nexit 101\n" >"$1/usr/sbin/policy-rc.d" && chmod 755 "$1/usr/sbin/policy-rc.d"')
  recipe=$(printf '%s\n' "${options[@]}" "$sources" | hash_of)
  if [ "$(recipe_of "$tag")" = "$recipe" ]; then
    echo "$tag"
    return
  fi
  if ! command -v mmdebstrap >/dev/null 2>&1; then
    [ "$(id -u)" -eq 0 ] || fail "mmdebstrap is not installed; as root: apt-get install -y --no-install-recommends mmdebstrap"
    say "installing mmdebstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 mmdebstrap >&2 ||
      { apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mmdebstrap >&2; }
  fi
  say "bootstrapping $tag from: $(echo "$sources" | tr '\n' ';')"
  local start=$SECONDS
  local -a mirrors
  mapfile -t mirrors <<<"$sources"
  mmdebstrap --quiet "${options[@]}" bookworm - "${mirrors[@]}" |
    docker import --change 'CMD ["bash"]' --change "LABEL $recipe_label=$recipe" - "$tag" >/dev/null
  say "$tag bootstrapped in $((SECONDS - start)) s"
  echo "$tag"
}

# build_image TAG DOCKERFILE MAKE_CONTEXT [docker build options…]: unless TAG already carries the same recipe (the
# Dockerfile and the options), MAKE_CONTEXT (a function) prints the build context's folder and TAG is built from it.
build_image() {
  local tag=$1 dockerfile=$2 make_context=$3
  shift 3
  local recipe context
  recipe=$( (cat "$dockerfile"; printf '%s\n' "$@") | hash_of)
  if [ "$(recipe_of "$tag")" = "$recipe" ]; then
    return
  fi
  say "building $tag"
  local start=$SECONDS
  context=$("$make_context")
  # Its output only when it fails (the docker CLI's notes about builders are noise here).
  if ! docker build --quiet --label "$recipe_label=$recipe" -t "$tag" -f "$dockerfile" "$@" "$context" >"$work/build.log" 2>&1; then
    cat "$work/build.log" >&2
    fail "building $tag failed (above)"
  fi
  say "$tag built in $((SECONDS - start)) s"
}

# Build contexts. The Debian ones need nothing but their Dockerfile; the .NET ones hold parts of this machine's .NET
# installation under dotnet/ (hard links where the file system allows, else copies).
no_context() {
  echo "$images"
}

copy_dotnet() {
  local context=$1
  shift
  [ -n "$dotnet_root" ] && [ -x "$dotnet_root/dotnet" ] ||
    fail "the .NET stand-ins copy this machine's .NET installation, and none was found (dotnet --info: Base Path)"
  for part in "$@"; do
    mkdir -p "$context/dotnet/$(dirname "$part")"
    cp -al "$dotnet_root/$part" "$context/dotnet/$part" 2>/dev/null || cp -a "$dotnet_root/$part" "$context/dotnet/$part"
  done
  echo "$context"
}

runtime_context() {
  copy_dotnet "$(mktemp -d "$work/runtime.XXXX")" dotnet host shared/Microsoft.NETCore.App LICENSE.txt ThirdPartyNotices.txt
}

# Everything the runtime image does not have already, and the CA bundle.
sdk_context() {
  local context parts=()
  context=$(mktemp -d "$work/sdk.XXXX")
  for part in "$dotnet_root"/*; do
    case "$(basename "$part")" in
      dotnet | host | LICENSE.txt | ThirdPartyNotices.txt) ;;
      shared)
        for framework in "$part"/*; do
          [ "$(basename "$framework")" = Microsoft.NETCore.App ] || parts+=("shared/$(basename "$framework")")
        done
        ;;
      *) parts+=("$(basename "$part")") ;;
    esac
  done
  cp /etc/ssl/certs/ca-certificates.crt "$context/ca-certificates.crt"
  copy_dotnet "$context" "${parts[@]}"
}

stand_in_name() {
  case "$1" in
    RABBITMQ_IMAGE) echo isolated-runtime/rabbitmq:bookworm ;;
    REDIS_IMAGE) echo isolated-runtime/redis:bookworm ;;
    DOTNET_RUNTIME_IMAGE) echo "isolated-runtime/dotnet-runtime:$(cut -d. -f1,2 <<<"$dotnet_runtime")" ;;
    DOTNET_SDK_IMAGE) echo "isolated-runtime/dotnet-sdk:$(cut -d. -f1,2 <<<"$dotnet_runtime")" ;;
  esac
}

stand_in() {
  local key=$1 base base_id name
  base=$(build_base)
  base_id=$(docker image inspect --format '{{.Id}}' "$base")
  name=$(stand_in_name "$key")
  case "$key" in
    RABBITMQ_IMAGE)
      build_image "$name" "$images/rabbitmq.Dockerfile" no_context --build-arg "BASE_IMAGE=$base" --label "org.isolated-runtime.base=$base_id"
      ;;
    REDIS_IMAGE)
      build_image "$name" "$images/redis.Dockerfile" no_context --build-arg "BASE_IMAGE=$base" --label "org.isolated-runtime.base=$base_id"
      ;;
    DOTNET_RUNTIME_IMAGE | DOTNET_SDK_IMAGE)
      [ -n "$dotnet_runtime" ] || fail "the .NET stand-ins copy this machine's .NET, and it has none (dotnet --list-runtimes)"
      local runtime
      runtime=$(stand_in_name DOTNET_RUNTIME_IMAGE)
      build_image "$runtime" "$images/dotnet-runtime.Dockerfile" runtime_context \
        --build-arg "BASE_IMAGE=$base" --label "org.isolated-runtime.base=$base_id" --label "org.isolated-runtime.dotnet=$dotnet_runtime"
      if [ "$key" = DOTNET_SDK_IMAGE ]; then
        build_image "$name" "$images/dotnet-sdk.Dockerfile" sdk_context \
          --build-arg "RUNTIME_IMAGE=$runtime" --build-arg "NUGET_CERT_REVOCATION_MODE=${NUGET_CERT_REVOCATION_MODE:-online}" \
          --label "org.isolated-runtime.base=$(docker image inspect --format '{{.Id}}' "$runtime")" \
          --label "org.isolated-runtime.dotnet-sdk=$dotnet_sdk" \
          --label "org.isolated-runtime.ca=$(hash_of </etc/ssl/certs/ca-certificates.crt)"
      fi
      ;;
  esac
  echo "$name"
}

# The stand-in's name for KEY when it is there, else nothing.
stand_in_present() {
  local name
  name=$(stand_in_name "$1")
  if present "$name"; then
    echo "$name"
  fi
}

resolve() {
  local key=$1 name
  name=$(official "$key")
  [ -n "$name" ] || fail "compose/.env.example names no $key"
  if ! $local_only && present "$name"; then
    echo "$name"
    return
  fi
  if [ "$command" = env ]; then
    name=$(stand_in_present "$key")
    [ -n "$name" ] || fail "neither $(official "$key") nor its stand-in is present; build them with: $0 build"
    echo "$name"
    return
  fi
  if ! $local_only && timeout 300 docker pull --quiet "$name" >/dev/null 2>&1; then
    say "pulled $name"
    echo "$name"
    return
  fi
  $local_only || say "$name cannot be pulled (no registry answers); using a local stand-in"
  stand_in "$key"
}

# Build contexts (hard links to the .NET installation) live here until the script ends.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet_root="" dotnet_runtime="" dotnet_sdk=""
dotnet_facts
sources=$(debian_sources)
[ -n "$sources" ] || sources="deb http://deb.debian.org/debian bookworm main"

declare -A chosen
for key in "${keys[@]}"; do
  chosen[$key]=$(resolve "$key")
done

if [ -n "$env_file" ]; then
  [ -f "$env_file" ] || fail "$env_file does not exist; make it first: cp compose/.env.example $env_file"
  for key in "${keys[@]}"; do
    if grep -q "^$key=" "$env_file"; then
      sed -i "s|^$key=.*|$key=${chosen[$key]}|" "$env_file"
    else
      echo "$key=${chosen[$key]}" >>"$env_file"
    fi
  done
  say "set ${keys[*]} in $env_file"
else
  for key in "${keys[@]}"; do
    echo "$key=${chosen[$key]}"
  done
fi
