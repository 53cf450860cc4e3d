#!/usr/bin/env bash
# Lints the contract (buf STANDARD, with the exceptions in buf.yaml) and checks it for breaking
# changes against the previous commit. buf comes from the npm registry (npx @bufbuild/buf); the
# Google protos come from the proto-google-common-protos jar that Maven already fetched.
set -euo pipefail
cd "$(dirname "$0")"
BUF_VERSION=1.75.0
buf() { npx --yes "@bufbuild/buf@${BUF_VERSION}" "$@"; }

repo="${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}"
version=$(sed -n 's:.*<proto-google-common-protos.version>\(.*\)</proto-google-common-protos.version>.*:\1:p' ../pom.xml)
jar="$repo/com/google/api/grpc/proto-google-common-protos/$version/proto-google-common-protos-$version.jar"
[[ -f "$jar" ]] || { echo "buf-check: $jar is missing; build the proto module first (./mvnw -pl proto install)" >&2; exit 2; }

unpack_deps() { # dir
  rm -rf "$1" && mkdir -p "$1"
  (cd "$1" && unzip -q -o "$jar" 'google/api/*.proto' 'google/rpc/*.proto' 'google/type/*.proto')
}

unpack_deps target/buf-deps
buf lint
echo "buf-check: lint passed"

previous=$(git rev-parse --verify --quiet HEAD~1 || true)
if [[ -z "$previous" ]] || ! git cat-file -e "$previous:proto/src/main/proto" 2>/dev/null; then
  echo "buf-check: no earlier contract to compare with; breaking check skipped"
  exit 0
fi
old=$(mktemp -d)
trap 'rm -rf "$old"' EXIT
(cd .. && git archive "$previous:proto" src/main/proto) | tar -x -C "$old"
unpack_deps "$old/target/buf-deps"
cp buf.yaml "$old/buf.yaml"
buf build "$old" -o "$old/previous.binpb"
buf build -o target/current.binpb
buf breaking target/current.binpb --against "$old/previous.binpb"
echo "buf-check: no breaking changes against ${previous:0:12}"
