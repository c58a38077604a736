#!/usr/bin/env bash
# The CLI's shell test (issue 16, "Must show"): the packaged launcher on temporary registries runs register,
# alias, export, import, verify and gc, then serve with tokens in the background (port 0) and ls/verify --url against
# it; every step's exit code and --json answer is checked.
# Maven runs it in the integration-test phase of model-registry-cli (after package wrote the launcher):
#   bash model-registry-cli/src/test/sh/cli-smoke.sh model-registry-cli/target/model-registry
# JSON is read with jq when it is installed, otherwise with python3; one of the two must be there
# (CLI_SMOKE_JSON=python3 forces the second).
set -u

cli=${1:?usage: cli-smoke.sh PATH/TO/model-registry}
[ -x "$cli" ] || { echo "cli-smoke: $cli is not an executable launcher; run mvn package first" >&2; exit 2; }
if ! command -v jq >/dev/null 2>&1 && ! command -v python3 >/dev/null 2>&1; then
  echo "cli-smoke: needs jq or python3 to read the CLI's --json answers" >&2
  exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/cli-smoke.XXXXXX") || exit 2
serve_pid=
trap '[ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null; chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
# The default registry of every command below; --root overrides it for the second registry.
export MODEL_REGISTRY_ROOT="$work/registry"
other="$work/other"

checks=0
failures=0
fail() {
  echo "cli-smoke: FAIL: $*" >&2
  failures=$((failures + 1))
}

# run EXPECTED_EXIT ARGS...: runs the launcher; leaves stdout in $out, stderr in $err and stderr's last line in
# $error (where a --json error is: a JVM may print warnings before it).
run() {
  local expected=$1
  shift
  "$cli" "$@" >"$work/out" 2>"$work/err"
  local code=$?
  out=$(cat "$work/out")
  err=$(cat "$work/err")
  error=$(tail -n 1 "$work/err")
  checks=$((checks + 1))
  if [ "$code" -ne "$expected" ]; then
    fail "model-registry $* exited $code, expected $expected; stderr: $err"
  fi
}

# json DOCUMENT PATH: the value at PATH (dot-separated keys and array indexes, e.g. error.code or changes.0.target),
# "length(PATH)" for an array's or object's size; JSON null prints as null.
json() {
  local doc=$1 path=$2 length=0
  case $path in length\(*\)) length=1; path=${path#length(}; path=${path%)} ;; esac
  if [ "${CLI_SMOKE_JSON:-jq}" = jq ] && command -v jq >/dev/null 2>&1; then
    local filter="" segment
    IFS=. read -r -a segments <<<"$path"
    for segment in "${segments[@]}"; do
      if [[ $segment =~ ^[0-9]+$ ]]; then filter+="[$segment]"; else filter+=".\"$segment\""; fi
    done
    [ "$length" -eq 1 ] && filter="($filter) | length"
    jq -r "${filter:-.}" <<<"$doc"
  else
    python3 -c '
import json, sys
value = json.loads(sys.argv[1])
for segment in filter(None, sys.argv[2].split(".")):
    value = value[int(segment)] if isinstance(value, list) else value[segment]
if sys.argv[3] == "1":
    value = len(value)
print("null" if value is None else str(value).lower() if isinstance(value, bool) else value)
' "$doc" "$path" "$length"
  fi
}

# expect ACTUAL EXPECTED WHAT
expect() {
  checks=$((checks + 1))
  [ "$1" = "$2" ] || fail "$3: got '$1', expected '$2'"
}

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  else python3 -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' "$1"; fi
}

printf 'first model\n' >"$work/v1.bin"
printf 'second model, retrained\n' >"$work/v2.bin"

# --- register
run 0 register "$work/v1.bin" --name churn --json
expect "$(json "$out" version)" 1 "register: version"
expect "$(json "$out" digest)" "$(sha256 "$work/v1.bin")" "register: digest"
expect "$(json "$out" format)" bytes "register: default format"
run 0 register "$work/v2.bin" --name churn --tag team=risk --metric auc=0.91 --json
expect "$(json "$out" version)" 2 "register: second version"
expect "$(json "$out" tags.team)" risk "register: tag"
expect "$(json "$out" metrics.auc)" 0.91 "register: metric"
run 1 register "$work/v1.bin" --name '../escape' --json
expect "$(json "$error" error.code)" INVALID "register: invalid name"
run 2 register "$work/missing.bin" --name churn --json
expect "$(json "$error" error.code)" NOT_FOUND "register: missing file"
run 1 register "$work/v1.bin"
run 0 ls --json
expect "$(json "$out" 'length(models)')" 1 "ls: models"
expect "$(json "$out" models.0.latestVersion)" 2 "ls: latest version"

# --- alias
run 0 alias set churn champion 1 --json
expect "$(json "$out" version)" 1 "alias set: version"
run 0 alias set churn champion 2 --json
expect "$(json "$out" aliases.0)" champion "alias set: aliases"
run 0 alias history churn champion --json
expect "$(json "$out" 'length(changes)')" 2 "alias history: moves"
expect "$(json "$out" changes.0.previous)" null "alias history: first move has no previous target"
expect "$(json "$out" changes.1.target)" 2 "alias history: second move"
run 0 alias rollback churn champion --json
expect "$(json "$out" version)" 1 "alias rollback: back to version 1"
run 0 show churn@champion --json
expect "$(json "$out" digest)" "$(sha256 "$work/v1.bin")" "show @champion after rollback"
run 2 alias set churn champion 9 --json
expect "$(json "$error" error.code)" NOT_FOUND "alias set: missing version"
run 2 show churn/9 --json

# --- export
run 0 export churn -o "$work/churn.zip" --json
expect "$(json "$out" versions)" 2 "export: versions"
expect "$(json "$out" models)" 1 "export: models"
[ -s "$work/churn.zip" ] || fail "export: $work/churn.zip is missing or empty"
run 1 export -o "$work/nothing.zip"

# --- import: into another registry (signed by a key it does not trust), then back into the source
run 5 import "$work/churn.zip" --root "$other" --json
expect "$(json "$error" error.code)" UNTRUSTED "import: untrusted archive refused"
run 0 import "$work/churn.zip" --root "$other" --allow-untrusted "cli smoke test" --json
expect "$(json "$out" modelsCreated)" 1 "import: models created"
expect "$(json "$out" versionsImported)" 2 "import: versions imported"
expect "$(json "$out" aliasesSet)" 1 "import: aliases set"
run 0 show churn@champion --root "$other" --json
expect "$(json "$out" digest)" "$(sha256 "$work/v1.bin")" "import: champion's bytes"
run 0 import "$work/churn.zip" --json
expect "$(json "$out" versionsUnchanged)" 2 "import into the source: unchanged"
expect "$(json "$out" versionsImported)" 0 "import into the source: nothing new"
printf 'not a zip' >"$work/junk.zip"
run 1 import "$work/junk.zip" --json
expect "$(json "$error" error.code)" INVALID "import: not an archive"

# --- verify
run 0 verify --json
expect "$(json "$out" healthy)" true "verify: healthy"
expect "$(json "$out" versionsChecked)" 2 "verify: versions checked"
run 0 verify --root "$other" --json
expect "$(json "$out" healthy)" true "verify of the imported registry"

# --- gc: a leftover temp file goes, the versions stay
printf 'half an upload' >"$MODEL_REGISTRY_ROOT/tmp/leftover.tmp"
run 0 gc --grace 0s --json
expect "$(json "$out" tempFilesRemoved)" 1 "gc: temp files removed"
expect "$(json "$out" blobsRemoved)" 0 "gc: no blob of a version removed"
[ ! -e "$MODEL_REGISTRY_ROOT/tmp/leftover.tmp" ] || fail "gc: the leftover temp file is still there"
run 0 verify --json
expect "$(json "$out" healthy)" true "verify after gc"
run 1 gc --grace soon

# --- verify finds a corrupted artifact: exit 4
blob=$(find "$other/blobs/sha256" -type f | head -n 1)
chmod u+w "$blob"
printf 'tampered' >"$blob"
run 4 verify --root "$other" --json
expect "$(json "$out" healthy)" false "verify: corrupt blob found"
expect "$(json "$out" findings.0.kind)" CORRUPT_BLOB "verify: finding kind"

# --- serve with a token store, in the background on a free port; ls --url answers what ls --root does
run 0 ls
local_ls=$out
run 0 token create --tokens "$work/tokens.json" --principal smoke --role deployer --json
token=$(json "$out" token)
token_id=$(json "$out" id)
printf '%s\n' "$token" >"$work/token"
run 0 token create --tokens "$work/tokens.json" --principal smoke-admin --role admin --json
printf '%s\n' "$(json "$out" token)" >"$work/admin-token"
run 0 token list --tokens "$work/tokens.json"
checks=$((checks + 1))
case $out in *"$token"*) fail "token list printed the secret" ;; *"$token_id"*) ;; *) fail "token list: no $token_id" ;; esac
"$cli" serve --port 0 --tokens "$work/tokens.json" --json >"$work/serve.out" 2>"$work/serve.err" &
serve_pid=$!
for _ in $(seq 1 240); do
  [ -s "$work/serve.out" ] && break
  kill -0 "$serve_pid" 2>/dev/null || break
  sleep 0.5
done
started=$(head -n 1 "$work/serve.out")
checks=$((checks + 1))
if [ -z "$started" ]; then
  fail "serve printed no address within 120 s; stderr: $(cat "$work/serve.err")"
else
  url=$(json "$started" url)
  port=$(json "$started" port)
  expect "$url" "http://127.0.0.1:$port/" "serve: the printed url has the bound port"
  checks=$((checks + 1))
  [ "$port" -gt 0 ] || fail "serve: port $port"
  run 0 ls --url "$url" --token-file "$work/token"
  expect "$out" "$local_ls" "ls --url: the same table as ls --root"
  MODEL_REGISTRY_TOKEN=$token run 0 ls --url "$url" --json
  expect "$(json "$out" models.0.name)" churn "ls --url with \$MODEL_REGISTRY_TOKEN"
  run 7 ls --url "$url" --json
  expect "$(json "$error" error.code)" AUTH "ls --url without a token"
  run 7 verify --url "$url" --token-file "$work/token" --json
  expect "$(json "$error" error.code)" AUTH "verify --url: a deployer token is refused (admin only)"
  run 0 verify --url "$url" --token-file "$work/admin-token" --json
  expect "$(json "$out" healthy)" true "verify --url with an admin token"
  run 0 token revoke --tokens "$work/tokens.json" "$token_id"
  run 7 ls --url "$url" --token-file "$work/token"
fi
kill -TERM "$serve_pid" 2>/dev/null
wait "$serve_pid"
expect "$?" 0 "serve: exit status after SIGTERM"
serve_pid=
run 6 ls --url "${url:-http://127.0.0.1:1/}" --json
expect "$(json "$error" error.code)" STORAGE "ls --url after serve stopped"

# --- completion
run 0 completion
checks=$((checks + 1))
case $out in *"complete -F"*) ;; *) fail "completion: no 'complete -F' in the script" ;; esac

if [ "$failures" -ne 0 ]; then
  echo "cli-smoke: $failures of $checks checks failed" >&2
  exit 1
fi
echo "cli-smoke: all $checks checks passed"
