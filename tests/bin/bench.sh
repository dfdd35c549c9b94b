#!/usr/bin/env bash
# One-command benchmark (README "Performance"). Runs from any clean clone: as root on Debian 12 it
# installs what is missing (apt-get: pebble, nginx, wrk, jq, ...; a private PostgreSQL cluster when
# none answers), builds with `mvn package` (never install), then starts two STI-CA processes from
# ca-server/target/stica-server.jar, each with its own PostgreSQL database and SoftHSM token: an
# STI-PA (PA role: token API, x5u, PA CRL) and the CA under test (CA role only, trusting that PA's
# root, fetching its x5u and CRL over HTTP), plus Pebble. The load generator gets each flow's SPC
# token from the STI-PA before the measured window; the CA verifies it fully on every challenge;
# only the CA's CPU is measured. Runs the load at 32 and 8 flows against the CA and at 8 against
# Pebble, downloads the CRL and an x5u chain with wrk from STI-CA and from nginx serving the same
# bytes, runs the CRL (1,000,000 entries) and SPC-token benchmarks, and prints one table (with
# what the CA's database did per issuance when pg_stat_statements is preloaded).
# Everything it starts is stopped and removed on exit. Not part of .ci/run.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: tests/bin/bench.sh [--duration 30s] [--warmup 20s] [--server-warmup 150s] [--wrk-duration 10s]
                          [--settle-max 120s] [--server-settle-max 450s] [--crl-rows 1000000]
                          [--repeat 1] [--runs sti-ca-32,sti-ca-8,pebble-8,downloads]
                          [--no-build] [--skip-benches] [--keep]
  --duration      measured time of each load-generator run (default 30s)
  --warmup        unmeasured time before each run (default 20s: the JIT settles first)
  --server-warmup unmeasured STI-CA load (32 flows) before its first run (default 150s: a fresh
                  JVM's C2 still took 14 % of the server's CPU 80 s after start, none after 200 s)
  --settle-max    each run's warm-up goes on, at most this much longer, while the generator's
                  JIT or the server's (a JVM: jstat) still compiles for more than 2 % of the
                  time (default 120s; 0s: off)
  --server-settle-max  the same for the server warm-up (default 450s)
  --wrk-duration  time of each wrk run (default 10s)
  --crl-rows      revoked entries of the CRL build benchmark (default 1000000)
  --repeat        rounds of the three load runs, interleaved (default 1); the table shows each
                  run's median round (the lower middle one for an even count) and lists
                  every round's issuances/s
  --runs          which runs, comma-separated (default: the three load runs and the wrk
                  downloads); a shorter list is for iterating on one figure, the table shows nan
                  for the others
  --no-build      use the jars as they are
  --skip-benches  skip the CRL and SPC-token benchmarks (Maven)
  --keep          keep the work directory (logs, JSON results) and print its path
The servers run with the README's recommended JVM options (README "Performance") unless
STICA_BENCH_JAVA_OPTS says otherwise (empty: the JVM's defaults), and MALLOC_ARENA_MAX=2 unless
STICA_BENCH_MALLOC_ARENA_MAX says otherwise; STICA_BENCH_JAVA names the servers' java (default:
the one on PATH). STICA_BENCH_PG names a PostgreSQL server
(default postgresql://postgres@127.0.0.1:5432; as root a private cluster is made when none answers).
EOF
}

duration=30s warmup=20s server_warmup=150s wrk_duration=10s crl_rows=1000000 repeat=1 build=1
settle_max=120s server_settle_max=450s
benches=1 keep=0 runs=sti-ca-32,sti-ca-8,pebble-8,downloads
while (($#)); do
    case $1 in
        --duration) duration=$2; shift 2 ;;
        --warmup) warmup=$2; shift 2 ;;
        --server-warmup) server_warmup=$2; shift 2 ;;
        --settle-max) settle_max=$2; shift 2 ;;
        --server-settle-max) server_settle_max=$2; shift 2 ;;
        --wrk-duration) wrk_duration=$2; shift 2 ;;
        --crl-rows) crl_rows=$2; shift 2 ;;
        --repeat) repeat=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --no-build) build=0; shift ;;
        --skip-benches) benches=0; shift ;;
        --keep) keep=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done

cd "$(dirname "$0")/../.."
# tool -> Debian 12 package; missing ones are installed when running as root with apt-get
declare -A package_of=([java]=openjdk-17-jdk-headless [mvn]=maven [softhsm2-util]=softhsm2
    [pebble]=pebble [nginx]=nginx [wrk]=wrk [openssl]=openssl [psql]=postgresql-client [jq]=jq
    [curl]=curl [getconf]=libc-bin [ss]=iproute2)
missing=()
for tool in "${!package_of[@]}"; do
    command -v "$tool" >/dev/null || missing+=("${package_of[$tool]}")
done
if ((${#missing[@]})); then
    if ((EUID == 0)) && command -v apt-get >/dev/null; then
        echo "bench: installing ${missing[*]} (apt-get)" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >/dev/null
    else
        echo "bench: missing packages ${missing[*]}: install them (Debian 12: apt-get install ${missing[*]})" \
            "or run as root" >&2
        exit 1
    fi
fi

log() { echo "bench: $*" >&2; }
used_ports=" "
free_port() {  # free_port VAR: a port below the ephemeral range, unused, not handed out before
    local p
    while :; do
        p=$((12000 + RANDOM % 18000))
        [[ $used_ports == *" $p "* ]] && continue
        [[ -z $(ss -Htan "( sport = :$p )") ]] && { used_ports+="$p "; printf -v "$1" %s "$p"; return; }
    done
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }

pg_url=${STICA_BENCH_PG:-postgresql://postgres@127.0.0.1:5432}
work=$(mktemp -d /tmp/stica-bench.XXXXXX)
chmod 755 "$work"
pids=()
dbs=""
pg_ctl=""
cleanup() {
    set +e
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
    for d in $dbs; do
        psql -q "$pg_url/postgres" -c "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1
    done
    [[ -z $pg_ctl ]] || runuser -u postgres -- "$pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1
    if ((keep)); then log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- PostgreSQL: the given server, or a private throwaway cluster on a fresh machine ----------
if ! psql -Atq "$pg_url/postgres" -c 'SELECT 1' >/dev/null 2>&1; then
    if [[ -n ${STICA_BENCH_PG:-} ]]; then
        log "PostgreSQL does not answer at $pg_url (STICA_BENCH_PG)"
        exit 1
    elif ((EUID != 0)); then
        log "PostgreSQL does not answer at $pg_url: set STICA_BENCH_PG, or run as root for a" \
            "private cluster"
        exit 1
    fi
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    if [[ -z $pg_bin ]]; then
        log "installing postgresql (apt-get)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql \
            >/dev/null
        pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    fi
    free_port pg_port
    install -d -o postgres -m 700 "$work/pg"
    runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg" -A trust -U postgres >/dev/null
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $work/pg -c max_connections=200" start >/dev/null
    pg_ctl=$pg_bin/pg_ctl
    pg_url=postgresql://postgres@127.0.0.1:$pg_port
    log "private PostgreSQL cluster at $pg_url (synchronous_commit on, as shipped)"
fi

# ---- build ---------------------------------------------------------------------------------
server_jar=ca-server/target/stica-server.jar
lg_jar=tests/loadgen/target/stica-loadgen.jar
if ((build)) && [[ ! -f $server_jar || ! -f $lg_jar || -n "$(find hsm-config/src policy/src \
        acme-endpoint/src crl-publisher/src ca-server/src tests/loadgen/src tests/src \
        -newer "$lg_jar" -print -quit 2>/dev/null)" ]]; then
    # package in the reactor (-am): nothing is installed into ~/.m2, which other builds may share
    log "building (mvn package, tests skipped)"
    mvn -B -q -ntp -Dstyle.color=never package -DskipTests -pl ca-server,tests/loadgen -am
fi

# private copies: other builds in the same tree may replace target/ while the benchmark runs
for jar in "$server_jar" "$lg_jar"; do
    [[ -f $jar ]] || { log "$jar is missing: run without --no-build"; exit 1; }
done
cp "$server_jar" "$work/stica-server.jar"
cp "$lg_jar" "$work/stica-loadgen.jar"
server_jar=$work/stica-server.jar
lg_jar=$work/stica-loadgen.jar

# ---- two STI-CA instances: the STI-PA and the CA under test ----------------------------------
hsm_lib=${STICA_HSM_LIBRARY:-$(ls /usr/lib/softhsm/libsofthsm2.so /usr/lib/*/softhsm/libsofthsm2.so \
    2>/dev/null | head -1)}
# README "Performance": the throughput collector; heap, metaspace and code cache bounded and glibc
# malloc arenas capped so the CA stays under 512 MiB RSS at 32 flows (an AppCDS archive, below,
# is added at the CA's measured start). STICA_BENCH_JAVA_OPTS replaces these options.
recommended_opts="-XX:+UseParallelGC -Xms256m -Xmx256m -XX:MaxMetaspaceSize=128m"
recommended_opts+=" -XX:ReservedCodeCacheSize=64m"
java_opts=(${STICA_BENCH_JAVA_OPTS-$recommended_opts})
server_java=${STICA_BENCH_JAVA:-java}   # the servers' JVM (the generator always runs on `java`)
malloc_arenas=${STICA_BENCH_MALLOC_ARENA_MAX:-2}
sync_commit=$(psql -Atq "$pg_url/postgres" -c "SHOW synchronous_commit")
instance() {  # instance NAME: own SoftHSM token, database, ports and admin token -> NAME_env
    local name=$1 pin db port admin_port token
    local -n env=${name}_env
    mkdir -p "$work/$name/tokens"
    printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' \
        "$work/$name/tokens" > "$work/$name/softhsm2.conf"
    pin=$(openssl rand -hex 8)
    SOFTHSM2_CONF=$work/$name/softhsm2.conf softhsm2-util --init-token --free --label "stica-$name" \
        --pin "$pin" --so-pin "$(openssl rand -hex 8)" >/dev/null
    db=stica_bench_${name}_$$_$RANDOM
    psql -q "$pg_url/postgres" -c "CREATE DATABASE $db" >/dev/null
    dbs+=" $db"
    printf -v "${name}_db" %s "$db"
    free_port port
    free_port admin_port
    printf -v "${name}_public" %s "http://127.0.0.1:$port"
    printf -v "${name}_admin" %s "http://127.0.0.1:$admin_port"
    token=$(openssl rand -hex 16)
    printf -v "${name}_token" %s "$token"
    env=(SOFTHSM2_CONF="$work/$name/softhsm2.conf" STICA_HSM_LIBRARY="$hsm_lib"
        STICA_HSM_TOKEN_LABEL="stica-$name" STICA_HSM_PIN="$pin"
        STICA_HTTP_PORT="$port" STICA_ADMIN_PORT="$admin_port" STICA_PUBLIC_URL="http://127.0.0.1:$port"
        STICA_DB_URL="$pg_url/$db" STICA_DATA_DIR="$work/$name/data"
        STICA_ADMIN_TOKEN="$token" MALLOC_ARENA_MAX="$malloc_arenas"
        STICA_CA_ROOT_ONLINE=true   # init-ca's hierarchy: the root sits in the same token
        STICA_HTTP_ACCESS_LOG=false)  # like nginx's access_log off below: downloads compared alike
}
init_ca() {  # init_ca NAME: the instance's hierarchy (root, intermediate, CRL signer) in its token
    local -n env=${1}_env
    log "$1: init-ca (SoftHSM token stica-$1, own database)"
    env "${env[@]}" "$server_java" "${java_opts[@]}" -jar "$server_jar" init-ca > "$work/$1/init-ca.log" 2>&1 ||
        { tail -20 "$work/$1/init-ca.log" >&2; log "$1: init-ca failed"; exit 1; }
}
started_ms=0 started_cpu_ms=0
start_server() {  # start_server NAME [JVM option...]: serve until its directory and admin answer
    local name=$1 start pid public
    local -n env=${name}_env
    shift
    public=${name}_public
    public=${!public}
    start=$(now_ms)
    env "${env[@]}" "$server_java" "${java_opts[@]}" "$@" -jar "$server_jar" serve >> "$work/$name/server.log" 2>&1 &
    pid=$!
    pids+=("$pid")
    printf -v "${name}_pid" %s "$pid"
    until [[ $(curl -s -o /dev/null -w '%{http_code}' "$public/acme/directory") == 200 ]]; do
        kill -0 "$pid" 2>/dev/null || { tail -20 "$work/$name/server.log" >&2; exit 1; }
        (($(now_ms) - start < 120000)) || { log "$name did not start"; exit 1; }
        sleep 0.05
    done
    started_ms=$(($(now_ms) - start))
    # its CPU until then (utime + stime): what a start costs even when neighbours share the cores
    started_cpu_ms=$(awk -v t="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / t }' \
        "/proc/$pid/stat")
    log "$name answered its directory ${started_ms} ms after process start (${started_cpu_ms} ms CPU)"
    for _ in $(seq 200); do  # the admin port may open a moment later
        admin_call "$name" GET /admin/v1/health >/dev/null && return
        sleep 0.1
    done
}
stop_server() {  # stop_server NAME: SIGTERM (drains, exits 0) and wait
    local pid=${1}_pid
    pid=${!pid}
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    local rest=() p
    for p in "${pids[@]}"; do [[ $p == "$pid" ]] || rest+=("$p"); done
    pids=("${rest[@]}")
}
admin_call() {  # admin_call NAME METHOD PATH [JSON]: the instance's admin API, answer on stdout
    local url=${1}_admin token=${1}_token body=()
    token=${!token}
    (($# < 4)) || body=(-d "$4")
    curl -sf -X "$2" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        "${body[@]}" "${!url}$3"
}

# The STI-PA: another party, as in production. It issues each flow's SPC token (once per flow,
# before the measured window) and serves the x5u certificate and the PA CRL; its CPU is not counted.
pa_env=() ca_env=()
instance pa
pa_env+=(STICA_PA_ROLE_ENABLED=true STICA_PA_CRL_URL="$pa_public/pa/crl")
init_ca pa
start_server pa
curl -sf -o "$work/pa-root.pem" "$pa_public/pa/root.pem" || { log "no PA root"; exit 1; }
api_key=$(admin_call pa POST /admin/v1/service-providers \
    '{"spc":"1234","name":"Bench Telecom","scaAllowed":false,"accountFingerprints":[]}' | jq -r .apiKey)
[[ -n $api_key && $api_key != null ]] || { log "service-provider registration failed"; exit 1; }

# The CA under test: CA role only. It trusts the PA root, fetches x5u from the PA (allow-listed,
# cached per max-age) and its CRL, and checks every token: signature, chain, CRL, jti claim.
instance ca
ca_env+=(STICA_PA_TRUST_ANCHORS="$work/pa-root.pem" STICA_X5U_ALLOWED_PREFIXES="$pa_public/pa/"
    STICA_PA_CRL_URL="$pa_public/pa/crl"
    STICA_ACME_ORDERS_PER_HOUR=100000)   # the per-account limit would stop a flow after 300
init_ca ca
# README "Performance": an AppCDS archive of the classes the server loads cuts the CPU of a start
# by about a third. The first start (which also creates the audit key) writes it at exit; the
# measured start is the restart that maps it, as a deployment makes the archive once per jar.
start_server ca -XX:ArchiveClassesAtExit="$work/ca/stica.jsa"
first_start_ms=$started_ms first_start_cpu_ms=$started_cpu_ms
stop_server ca
start_server ca -XX:SharedArchiveFile="$work/ca/stica.jsa"
start_ms=$started_ms start_cpu_ms=$started_cpu_ms
server_pid=$ca_pid
public=$ca_public
# The CA's first fetch of the PA CRL can race its start; ask for a refresh now so the measured run
# never starts with stale STI-PA trust.
admin_call ca POST /admin/v1/sti-pa/crl/refresh >/dev/null || { log "PA CRL refresh failed"; exit 1; }
# the CA issues only for its subscribers' SPCs (README "Subscribers")
admin_call ca POST /admin/v1/subscribers \
    '{"legalName":"Bench Telecom, Inc.","country":"US","spcs":["1234"]}' >/dev/null ||
    { log "subscriber registration failed"; exit 1; }

# ---- Pebble ---------------------------------------------------------------------------------
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" -keyout "$work/pebble-key.pem" \
    -out "$work/pebble-cert.pem" 2>/dev/null
free_port pebble_port
free_port pebble_mgmt
free_port pebble_http
free_port pebble_tls
jq -n --arg l "127.0.0.1:$pebble_port" --arg m "127.0.0.1:$pebble_mgmt" \
    --arg c "$work/pebble-cert.pem" --arg k "$work/pebble-key.pem" \
    --argjson h "$pebble_http" --argjson t "$pebble_tls" \
    '{pebble:{listenAddress:$l, managementListenAddress:$m, certificate:$c, privateKey:$k,
      httpPort:$h, tlsPort:$t, ocspResponderURL:"", externalAccountBindingRequired:false}}' \
    > "$work/pebble.json"
# A fresh Pebble for each of its rounds: it keeps every account and order in memory, and here it
# stopped answering newAccount after about 25,000 issuances (two rounds of --repeat 3, issue 18).
# Starting it anew only helps Pebble, so the ratio stays on the cautious side.
pebble_pid="" pebble_reruns=""
start_pebble() {
    [[ -n $pebble_pid ]] && { kill "$pebble_pid" 2>/dev/null; wait "$pebble_pid" 2>/dev/null || true; }
    # always-valid VA, no validation sleep, no random badNonce, no authorization reuse: full flows
    PEBBLE_VA_ALWAYS_VALID=1 PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0 PEBBLE_AUTHZREUSE=0 \
        pebble -config "$work/pebble.json" >> "$work/pebble.log" 2>&1 &
    pebble_pid=$!
    pids+=("$pebble_pid")
    until curl -skf -o /dev/null "https://127.0.0.1:$pebble_port/dir"; do
        kill -0 "$pebble_pid" 2>/dev/null || { tail -20 "$work/pebble.log" >&2; exit 1; }
        sleep 0.1
    done
}

# ---- load-generator runs ---------------------------------------------------------------------
ticks=$(getconf CLK_TCK)
# Pebble finalizes asynchronously (the order is "processing" first), STI-CA synchronously: with the
# generator's default 20 ms poll Pebble's rate at 8 flows is the poll interval's (336/s), not its
# own (645/s with 1 ms). Every run polls after 1 ms, so each server is measured at its capacity.
poll=1ms
# Pebble sometimes leaves one exchange unanswered at 8 flows here (its known deadlock): 5 s (p99 is
# under 0.5 s for both servers) costs that flow 5 s of the run instead of the generator's 30 s.
request_timeout=5s
# the database's CPU (every postgres process: the CA's backends, the WAL writer, ...) when it runs here
db_watch=()
case $pg_url in *@127.0.0.1:*|*@localhost:*) db_watch=(--watch-database postgres) ;; esac
# and what the CA's database did per issuance (statements, WAL, rows) when pg_stat_statements is
# preloaded: the view is created in the CA's own benchmark database, dropped with it on exit
if [[ $(psql -qAt "$pg_url/postgres" -c "SHOW shared_preload_libraries" 2>/dev/null) == *pg_stat_statements* ]] &&
    psql -q "$pg_url/$ca_db" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null 2>&1; then
    db_watch+=(--database-stats "$pg_url/$ca_db")
fi
load() {  # load <label> <pid> <args...>
    local label=$1 pid=$2
    shift 2
    [[ ,$runs, == *,${label%.*},* ]] || return 0
    [[ $label == sti-ca* ]] && set -- "$@" "${db_watch[@]}"   # Pebble keeps its state in memory
    log "load: $label"
    java -jar "$lg_jar" --label "$label" --duration "$duration" --warmup "$warmup" \
        --settle-max "$settle_max" --poll-interval "$poll" --request-timeout "$request_timeout" \
        --watch-pid "$pid" --clock-ticks "$ticks" \
        --json-out "$work/$label.json" "$@" \
        > "$work/$label.log" 2>&1 || { cat "$work/$label.log" >&2; log "$label failed"; }
    grep -v '^RESULT ' "$work/$label.log" >&2 || true
}
stica_args=(--directory "$public/acme/directory" --mode tnauth --spc 1234
    --token-url "$pa_public/api/v1/account/{spc}/token" --token-api-key "$api_key")
# How fast this host is just before and just after the load runs: OpenSSL's P-256 verifications
# per second on one core, with the servers idle. A shared host's speed drifts (issue 18: the same
# build did 259/s and 200/s an hour apart), and this line tells such drift from a change's effect.
host_speed() { openssl speed -seconds 1 ecdsap256 2>/dev/null | awk '/nistp256/ {print $NF}'; }
speed_before=$(host_speed)
log "warm-up: STI-CA, 32 flows, $server_warmup and until its JIT settles (at most $server_settle_max more; not measured)"
# A server that runs for hours has finished compiling; a fresh JVM's C2 goes on for minutes (on a
# slow 2-core guest it still took 10 % of the server's CPU 3 minutes after start, issue 18), so
# the warm-up goes on until the server's and the generator's JIT are quiet (JitSettle).
java -jar "$lg_jar" --label warm-up --duration 1s --warmup "$server_warmup" "${stica_args[@]}" \
    --concurrency 32 --watch-pid "$server_pid" --settle-max "$server_settle_max" \
    --json-out "$work/warm-up.json" > "$work/warm-up.log" 2>&1 ||
    { cat "$work/warm-up.log" >&2; log "warm-up failed"; }
# Rounds interleave the three runs, so a machine that drifts (busy neighbours) moves them alike.
for ((round = 1; round <= repeat; round++)); do
    sfx=""
    ((repeat > 1)) && sfx=".$round"
    load "sti-ca-32$sfx" "$server_pid" "${stica_args[@]}" --concurrency 32 \
        --chain-out "$work/chain.pem"
    load "sti-ca-8$sfx" "$server_pid" "${stica_args[@]}" --concurrency 8 \
        --chain-out "$work/chain-8.pem"
    if [[ ,$runs, == *,pebble-8,* ]]; then
        # Pebble can deadlock (it once left every newOrder of a run unanswered, from its first
        # request): a run with errors gets a fresh Pebble and runs again, at most twice more. Only
        # Pebble gains from this; every attempt is listed under the table.
        for attempt in 1 2 3; do
            start_pebble
            rm -f "$work/pebble-8$sfx.json"
            load "pebble-8$sfx" "$pebble_pid" --directory "https://127.0.0.1:$pebble_port/dir" \
                --mode dns --insecure --concurrency 8
            pebble_errors=$(jq -r '.errorCount // "no result"' "$work/pebble-8$sfx.json" \
                2>/dev/null || echo "no result")
            [[ $pebble_errors == 0 ]] && break
            pebble_reruns+="pebble-8$sfx attempt $attempt: $pebble_errors errors"
            pebble_reruns+=" ($(jq -r '.issuancesPerSecond // 0' "$work/pebble-8$sfx.json" \
                2>/dev/null || echo 0)/s); "
            ((attempt < 3)) && log "pebble-8$sfx: $pebble_errors errors; a fresh Pebble runs it again"
        done
    fi
done
rounds_line=""
if ((repeat > 1)); then  # each run's median round (by issuances/s) stands for it in the table
    for run in sti-ca-32 sti-ca-8 pebble-8; do
        [[ ,$runs, == *,$run,* ]] || continue
        ranked=$(for ((round = 1; round <= repeat; round++)); do
            printf '%s %s\n' "$(jq -r '.issuancesPerSecond // 0' "$work/$run.$round.json" \
                2>/dev/null || echo 0)" "$round"
        done | sort -g)
        median=$(awk -v n="$repeat" 'NR == int((n + 1) / 2) {print $2}' <<< "$ranked")
        cp "$work/$run.$median.json" "$work/$run.json" 2>/dev/null || true
        rounds_line+="$run: $(awk '{printf "%s%.1f", (NR > 1 ? " " : ""), $1}' <<< "$ranked")"
        rounds_line+=" (median round $median); "
    done
fi
[[ -n $pebble_pid ]] && { kill "$pebble_pid" 2>/dev/null || true; }
speed_after=$(host_speed)

# ---- downloads: STI-CA vs nginx serving the same bytes ---------------------------------------
crl_stica=skipped crl_nginx=skipped x5u_stica=skipped x5u_nginx=skipped
mkdir -p "$work/www/crl" "$work/www/cr"
x5u_path=cr/none.pem
if [[ ,$runs, == *,downloads,* ]]; then
    chain=$work/chain.pem
    [[ -s $chain ]] || chain=$work/chain-8.pem
    serial=$(openssl x509 -in "$chain" -noout -serial 2>/dev/null |
        sed 's/^serial=//; s/^0*//' | tr 'A-F' 'a-f' || true)
    x5u_path=cr/${serial:-none}.pem
    mkdir -p "$work/www/crl" "$work/www/cr" "$work/nginx"
    curl -sf -o "$work/www/crl/shaken.crl" "$public/crl/shaken.crl"
    [[ -n $serial ]] || log "no certificate was issued: the x5u download is measured on a 404"
    curl -s -o "$work/www/$x5u_path" "$public/$x5u_path"
    chmod -R a+rX "$work/www"
    free_port nginx_port
    cat > "$work/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/nginx/body;
    proxy_temp_path $work/nginx/proxy;
    fastcgi_temp_path $work/nginx/fastcgi;
    uwsgi_temp_path $work/nginx/uwsgi;
    scgi_temp_path $work/nginx/scgi;
    types { application/pkix-crl crl; application/pem-certificate-chain pem; }
    server {
        listen 127.0.0.1:$nginx_port;
        root $work/www;
    }
}
EOF
    nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' 2>"$work/nginx/stderr.log" &
    nginx_pid=$!
    pids+=("$nginx_pid")
    until curl -sf -o /dev/null "http://127.0.0.1:$nginx_port/crl/shaken.crl"; do
        kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/nginx/stderr.log" >&2; exit 1; }
        sleep 0.1
    done
    rps() {  # rps <url>: requests/s of wrk, 2 threads, 32 connections
        wrk -t2 -c32 -d"$wrk_duration" "$1" 2>&1 | tee -a "$work/wrk.log" |
            awk '/^Requests\/sec:/ {print $2}'
    }
    log "wrk: CRL and x5u from STI-CA and nginx"
    crl_stica=$(rps "$public/crl/shaken.crl")
    crl_nginx=$(rps "http://127.0.0.1:$nginx_port/crl/shaken.crl")
    x5u_stica=$(rps "$public/$x5u_path")
    x5u_nginx=$(rps "http://127.0.0.1:$nginx_port/$x5u_path")
    kill "$nginx_pid" 2>/dev/null || true
fi
blocked=$(grep -c 'has been blocked for' "$work/ca/server.log" || true)
kill "$server_pid" 2>/dev/null || true
wait "$server_pid" 2>/dev/null || true

# ---- CRL build and SPC-token benchmarks (Maven, tests module) -------------------------------
crl_line="skipped" token_line="skipped"
if ((benches)); then
    # the CRL is built with the server's heap bound (512 MiB when the options name none)
    crl_heap=-Xmx512m
    for opt in "${java_opts[@]}"; do [[ $opt != -Xmx* ]] || crl_heap=$opt; done
    log "benchmarks: CrlScaleBench ($crl_rows entries, $crl_heap) and SpcTokenVerifyBench"
    # -am builds the modules the tests need in the same reactor (nothing needs to be installed in
    # ~/.m2 first); -Dtest=none skips every module's unit tests, -Dit.test picks the two benches
    STICA_TEST_DB_URL=$pg_url/postgres mvn -B -ntp verify -pl tests -am \
        -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
        -Dit.test='CrlScaleBench,SpcTokenVerifyBench' -Dfailsafe.failIfNoSpecifiedTests=false \
        -Dstica.bench.rows="$crl_rows" \
        -Dpkcs11.exports="--add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED $crl_heap -Dstica.bench.rows=$crl_rows" \
        > "$work/benches.log" 2>&1 ||
        { grep -E 'Tests run:.*FAIL|ERROR\]   ' "$work/benches.log" | head -5 >&2 || true; }
    crl_line=$(grep -oE 'CRL with [0-9]+ entries.*' "$work/benches.log" | head -1 || true)
    token_line=$(grep -o 'BENCH SPC token verifications: .*' "$work/benches.log" |
        sed 's/^BENCH SPC token verifications: //' || true)
    crl_line=${crl_line:-"FAILED (benches.log in the work directory; --keep keeps it)"}
    token_line=${token_line:-"FAILED (benches.log in the work directory; --keep keeps it)"}
fi

# ---- the table --------------------------------------------------------------------------------
field() { jq -r "($2) // \"nan\"" "$work/$1.json" 2>/dev/null || echo nan; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0 && a + 0 > 0) printf "%.2f", a / b; else print "n/a" }'; }
echo
echo "STI-CA benchmark $(date -u +%FT%TZ), $(nproc) cores, load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "duration $duration per run after $warmup warm-up ($server_warmup server warm-up first); polls after $poll; PostgreSQL synchronous_commit=$sync_commit; keys in SoftHSM; server JVM options: ${java_opts[*]:-none}; MALLOC_ARENA_MAX=$malloc_arenas"
echo "host speed (openssl ecdsap256 verifications/s, one core, servers idle): ${speed_before:-?} before the load runs, ${speed_after:-?} after"
echo "SPC tokens: from a separate STI-PA process (own database and SoftHSM token, CPU not counted), one per flow before the measured window (RFC 9447 §3.3 reuse by the same account); the CA verifies each presentation fully (ES256, x5u chain to the PA root, PA CRL, jti claim)"
printf '%-12s %6s %13s %9s %9s %16s %12s %19s %8s\n' run flows issuances/s p50_ms p99_ms server_cpu_s/iss db_cpu_s/iss generator_cpu_s/iss errors
for run in sti-ca-32 sti-ca-8 pebble-8; do
    printf '%-12s %6s %13.1f %9.1f %9.1f %16.4f %12.4f %19.4f %8s\n' "$run" "$(field $run .concurrency)" \
        "$(field $run .issuancesPerSecond)" "$(field $run .p50Ms)" "$(field $run .p99Ms)" \
        "$(field $run .server.cpuSecondsPerIssuance)" "$(field $run .database.cpuSecondsPerIssuance)" \
        "$(field $run .generator.cpuSecondsPerIssuance)" "$(field $run .errorCount)"
done
jit_line=""
for run in sti-ca-32 sti-ca-8 pebble-8; do
    [[ -f $work/$run.json ]] || continue
    jit_line+="$run: warm-up $(field $run .warmupSeconds | xargs printf '%.0f') s"
    [[ $(field $run .jitSettled) == false ]] && jit_line+=" (JIT still busy at its end)"
    jit_line+=", JIT in the window: generator $(field $run .generator.jitSeconds | xargs printf '%.1f') s"
    [[ $run == sti-ca* ]] && jit_line+=", server $(field $run .server.jitSeconds | xargs printf '%.1f') s"
    jit_line+="; "
done
echo "server warm-up: $(field warm-up .warmupSeconds | xargs printf '%.0f') s at 32 flows$([[ $(field warm-up .jitSettled) == false ]] && echo ", its JIT still busy at the end")"
[[ -z $jit_line ]] || echo "${jit_line%; }"
echo "ratio STI-CA/Pebble at 8 flows (issuances/s): $(ratio "$(field sti-ca-8 .issuancesPerSecond)" "$(field pebble-8 .issuancesPerSecond)")"
[[ -z $rounds_line ]] || echo "issuances/s of each round, sorted: ${rounds_line%; }"
for run in sti-ca-32 sti-ca-8; do
    [[ $(field $run .databaseStatements.statementsPerIssuance) == nan ]] && continue
    echo "$run database per issuance (pg_stat_statements, the run's row above):" \
        "$(field $run .databaseStatements.statementsPerIssuance | xargs printf '%.2f') statements," \
        "$(field $run .databaseStatements.execMsPerIssuance | xargs printf '%.3f') ms execution," \
        "$(field $run .databaseStatements.walRecordsPerIssuance | xargs printf '%.1f') WAL records" \
        "(the statements'), $(field $run .databaseStatements.walBytesPerIssuance | xargs printf '%.0f')" \
        "WAL bytes (the cluster's); each statement's share in $run.log (--keep)"
done
[[ -z $pebble_reruns ]] || echo "Pebble runs repeated with a fresh Pebble after errors: ${pebble_reruns%; }"
printf '%-22s %12s %12s %7s\n' download sti-ca_req/s nginx_req/s ratio
printf '%-22s %12s %12s %7s\n' "CRL ($(stat -c %s "$work/www/crl/shaken.crl" 2>/dev/null || echo ?) B)" "$crl_stica" "$crl_nginx" "$(ratio "$crl_stica" "$crl_nginx")"
printf '%-22s %12s %12s %7s\n' "x5u ($(stat -c %s "$work/www/$x5u_path" 2>/dev/null || echo ?) B)" "$x5u_stica" "$x5u_nginx" "$(ratio "$x5u_stica" "$x5u_nginx")"
echo "CRL build: $crl_line"
echo "SPC token verifications: $token_line"
echo "server start (process start -> directory 200): $start_ms ms ($start_cpu_ms ms CPU) with the AppCDS archive; first start (no archive, creates the audit key): $first_start_ms ms ($first_start_cpu_ms ms CPU)"
echo "server peak VmRSS under load (32 flows): $(field sti-ca-32 .server.peakRssMiB | xargs printf '%.0f') MiB"
echo "blocked-thread warnings in the server log: $blocked"
jq -c -n --slurpfile a "$work/sti-ca-32.json" --slurpfile b "$work/sti-ca-8.json" \
    --slurpfile c "$work/pebble-8.json" --argjson start "$start_ms" --argjson first "$first_start_ms" \
    --argjson startCpu "$start_cpu_ms" --argjson blocked "$blocked" \
    --arg speedBefore "${speed_before:-}" --arg speedAfter "${speed_after:-}" \
    '{runs: [$a[0], $b[0], $c[0]], startMs: $start, startCpuMs: $startCpu, firstStartMs: $first, blockedThreadWarnings: $blocked, hostSpeed: {before: ($speedBefore | tonumber? // null), after: ($speedAfter | tonumber? // null)}}' \
    > "$work/bench.json" 2>/dev/null && echo "BENCH $(cat "$work/bench.json")" || true
