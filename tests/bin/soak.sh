#!/usr/bin/env bash
# Soak benchmark (issue 14 "Tests and measurements"; README "Tests"). Starts STI-CA from
# ca-server/target/stica-server.jar (fresh PostgreSQL database, fresh SoftHSM token, STI-PA role so
# SPC tokens are really issued) and keeps it at steady load with the load generator for
# --duration (10 minutes by default). Every --interval it forces a GC in the server and prints its
# RSS, heap used after that GC, metaspace, threads, open file descriptors and open database
# connections (pg_stat_activity), then says whether anything grew (mean of the first third of the
# samples against the last third). Everything it starts is stopped and removed on exit.
# Not part of CI (.ci/run) and not run by mvn verify.
set -euo pipefail

usage() {
    cat <<'EOF'
usage: tests/bin/soak.sh [--duration 10m] [--interval 30s] [--flows 8] [--no-build] [--keep]
  --duration  time at steady load (default 10m; a bare number is seconds, or 90s, 15m)
  --interval  time between samples (default 30s)
  --flows     concurrent enrollment flows of the load generator (default 8)
  --no-build  use the jars as they are
  --keep      keep the work directory (server log, samples) and print its path
The PostgreSQL server is STICA_SOAK_PG (default postgresql://postgres@127.0.0.1:5432); the soak
creates and drops its own database there and never restarts it. The server runs with
-XX:+UseParallelGC -Xmx512m unless STICA_SOAK_JAVA_OPTS says otherwise.
EOF
}

seconds() {  # seconds 10m -> 600
    local v=$1
    case $v in
        *m) echo $((${v%m} * 60)) ;;
        *s) echo "${v%s}" ;;
        *) echo "$v" ;;
    esac
}

duration=10m interval=30s flows=8 build=1 keep=0
while (($#)); do
    case $1 in
        --duration) duration=$2; shift 2 ;;
        --interval) interval=$2; shift 2 ;;
        --flows) flows=$2; shift 2 ;;
        --no-build) build=0; shift ;;
        --keep) keep=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done
duration_s=$(seconds "$duration")
interval_s=$(seconds "$interval")
[[ $duration_s =~ ^[0-9]+$ && $interval_s =~ ^[0-9]+$ && $interval_s -gt 0 ]] ||
    { usage >&2; exit 2; }

cd "$(dirname "$0")/../.."
for tool in java jcmd jstat mvn softhsm2-util openssl psql jq curl ss; do
    command -v "$tool" >/dev/null || { echo "soak: $tool is required" >&2; exit 1; }
done
log() { echo "soak: $*" >&2; }

used_ports=" "
free_port() {  # free_port VAR: a port below the ephemeral range, unused, not handed out before
    local p
    while :; do
        p=$((12000 + RANDOM % 18000))
        [[ $used_ports == *" $p "* ]] && continue
        [[ -z $(ss -Htan "( sport = :$p )") ]] && { used_ports+="$p "; printf -v "$1" %s "$p"; return; }
    done
}

pg_url=${STICA_SOAK_PG:-postgresql://postgres@127.0.0.1:5432}
work=$(mktemp -d /tmp/stica-soak.XXXXXX)
chmod 755 "$work"
pids=()
db=""
cleanup() {
    set +e
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null; done
    [[ -n $db ]] && psql -q "$pg_url/postgres" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" \
        >/dev/null 2>&1
    [[ -n ${SOFTHSM2_CONF:-} ]] && softhsm2-util --delete-token --token stica-soak >/dev/null 2>&1
    if ((keep)); then log "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- build -----------------------------------------------------------------------------------
server_jar=ca-server/target/stica-server.jar
lg_jar=tests/loadgen/target/stica-loadgen.jar
if ((build)) && [[ ! -f $server_jar || ! -f $lg_jar || -n "$(find hsm-config/src policy/src \
        acme-endpoint/src crl-publisher/src ca-server/src tests/loadgen/src \
        -newer "$lg_jar" -print -quit 2>/dev/null)" ]]; then
    log "building (mvn install, tests skipped)"
    mvn -B -q -ntp install -DskipTests -pl ca-server,tests/loadgen -am
fi
for jar in "$server_jar" "$lg_jar"; do
    [[ -f $jar ]] || { log "$jar is missing: run without --no-build"; exit 1; }
done
# private copies: other builds in the same tree may replace target/ while the soak runs
cp "$server_jar" "$work/stica-server.jar"
cp "$lg_jar" "$work/stica-loadgen.jar"

# ---- SoftHSM token, PostgreSQL database, CA hierarchy ----------------------------------------
export SOFTHSM2_CONF=$work/softhsm2.conf
mkdir -p "$work/tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\nlog.level = ERROR\n' \
    "$work/tokens" > "$SOFTHSM2_CONF"
hsm_lib=${STICA_HSM_LIBRARY:-$(ls /usr/lib/softhsm/libsofthsm2.so /usr/lib/*/softhsm/libsofthsm2.so \
    2>/dev/null | head -1)}
pin=$(openssl rand -hex 8)
softhsm2-util --init-token --free --label stica-soak --pin "$pin" --so-pin "$(openssl rand -hex 8)" \
    >/dev/null

db=stica_soak_$$_$RANDOM
psql -q "$pg_url/postgres" -c "CREATE DATABASE $db" >/dev/null

free_port port
free_port admin_port
public=http://127.0.0.1:$port
export STICA_HTTP_HOST=127.0.0.1 STICA_HTTP_PORT=$port STICA_ADMIN_PORT=$admin_port
export STICA_PUBLIC_URL=$public STICA_DB_URL=$pg_url/$db STICA_DATA_DIR=$work/data
export STICA_ADMIN_TOKEN=$(openssl rand -hex 16)
export STICA_HSM_LIBRARY=$hsm_lib STICA_HSM_TOKEN_LABEL=stica-soak STICA_HSM_PIN=$pin
export STICA_PA_ROLE_ENABLED=true STICA_ACME_ORDERS_PER_HOUR=100000
java_opts=(${STICA_SOAK_JAVA_OPTS--XX:+UseParallelGC -Xmx512m})
log "init-ca (database $db)"
java "${java_opts[@]}" -jar "$work/stica-server.jar" init-ca > "$work/init-ca.log" 2>&1 ||
    { tail -20 "$work/init-ca.log" >&2; log "init-ca failed"; exit 1; }

java "${java_opts[@]}" -jar "$work/stica-server.jar" serve > "$work/server.log" 2>&1 &
server_pid=$!
pids+=("$server_pid")
admin=http://127.0.0.1:$admin_port
for ((i = 0; ; i++)); do
    if curl -sf -o /dev/null "$public/acme/directory" && curl -s -o /dev/null \
            -H "Authorization: Bearer $STICA_ADMIN_TOKEN" "$admin/admin/v1/health"; then
        break
    fi
    kill -0 "$server_pid" 2>/dev/null || { tail -20 "$work/server.log" >&2; exit 1; }
    ((i < 1200)) || { log "server did not start within 120 s"; exit 1; }
    sleep 0.1
done
api_key=$(curl -sf -X POST -H "Authorization: Bearer $STICA_ADMIN_TOKEN" \
    -H 'Content-Type: application/json' "$admin/admin/v1/service-providers" \
    -d '{"spc":"1234","name":"Soak Telecom","scaAllowed":false,"accountFingerprints":[]}' |
    jq -r .apiKey)
# the CA issues only for its subscribers' SPCs (README "Subscribers")
curl -sf -o /dev/null -X POST -H "Authorization: Bearer $STICA_ADMIN_TOKEN" \
    -H 'Content-Type: application/json' "$admin/admin/v1/subscribers" \
    -d '{"legalName":"Soak Telecom, Inc.","country":"US","spcs":["1234"]}'

# ---- steady load ------------------------------------------------------------------------------
log "load: $flows flows for ${duration_s} s, a sample every ${interval_s} s (server pid $server_pid)"
java -jar "$work/stica-loadgen.jar" --label soak --directory "$public/acme/directory" \
    --mode tnauth --spc 1234 --token-url "$public/api/v1/account/{spc}/token" \
    --token-api-key "$api_key" --concurrency "$flows" --warmup 0s --duration "${duration_s}s" \
    --request-timeout 10s --watch-pid "$server_pid" --json-out "$work/load.json" \
    > "$work/load.log" 2>&1 &
load_pid=$!
pids+=("$load_pid")

kib() {  # kib <jstat -gc column>...: the sum of those columns of the server's jstat -gc, in KiB
    jstat -gc "$server_pid" 2>/dev/null | awk -v cols="$*" '
        NR == 1 { for (i = 1; i <= NF; i++) idx[$i] = i }
        NR == 2 { n = split(cols, c, " "); s = 0; for (j = 1; j <= n; j++) s += $(idx[c[j]]); printf "%.0f", s }'
}
sample() {  # one line of the samples table
    local t=$1 rss heap meta threads fds conns issued
    jcmd "$server_pid" GC.run >/dev/null 2>&1 || true
    rss=$(awk '/^VmRSS:/ {printf "%.1f", $2 / 1024}' "/proc/$server_pid/status")
    threads=$(awk '/^Threads:/ {print $2}' "/proc/$server_pid/status")
    heap=$(awk -v k="$(kib S0U S1U EU OU)" 'BEGIN {printf "%.1f", k / 1024}')
    meta=$(awk -v k="$(kib MU)" 'BEGIN {printf "%.1f", k / 1024}')
    fds=$(ls "/proc/$server_pid/fd" | wc -l)
    conns=$(psql -Atq "$pg_url/postgres" -c \
        "SELECT count(*) FROM pg_stat_activity WHERE datname = '$db'")
    issued=$(psql -Atq "$pg_url/$db" -c "SELECT count(*) FROM certificate")
    printf '%8s %9s %13s %14s %8s %8s %9s %10s\n' "$t" "$rss" "$heap" "$meta" "$threads" "$fds" \
        "$conns" "$issued"
}
printf '%8s %9s %13s %14s %8s %8s %9s %10s\n' t_s rss_mib heap_gc_mib metaspace_mib threads \
    open_fds db_conns issued | tee "$work/samples.txt"
start=$(date +%s)
while kill -0 "$load_pid" 2>/dev/null; do
    sleep "$interval_s" &
    wait $! || true
    kill -0 "$load_pid" 2>/dev/null || break
    kill -0 "$server_pid" 2>/dev/null || { log "server died"; tail -20 "$work/server.log" >&2; exit 1; }
    sample $(($(date +%s) - start)) | tee -a "$work/samples.txt"
done
wait "$load_pid" || log "load generator exited non-zero (see load.log)"
grep -v '^RESULT ' "$work/load.log" | tail -15 >&2 || true
# what the live heap holds at the end (after a GC): the first suspects when heap_gc_mib grew
jcmd "$server_pid" GC.class_histogram > "$work/histogram.txt" 2>/dev/null &&
    { log "largest classes on the live heap at the end:"; sed -n '1,15p' "$work/histogram.txt" >&2; }

# ---- did anything grow? (mean of the first third of the samples against the last third) --------
echo
echo "soak $(date -u +%FT%TZ): ${duration_s} s at $flows flows, sample every ${interval_s} s," \
    "server JVM options: ${java_opts[*]:-none}; $(jq -r '"\(.issuances) issuances, \(.errorCount) errors"' \
    "$work/load.json" 2>/dev/null || echo "no load result")"
awk '
    NR == 1 { for (i = 2; i <= 7; i++) name[i] = $i; next }
    { n++; for (i = 2; i <= 7; i++) v[n, i] = $i }
    END {
        if (n < 3) { print "too few samples to compare (need 3, have " n "): run longer"; exit }
        third = int(n / 3)
        # allowed growth before a metric counts as growing: MiB for memory, counts for the rest
        slack[2] = 32; slack[3] = 16; slack[4] = 8; slack[5] = 5; slack[6] = 10; slack[7] = 2
        grew = 0
        printf "%-14s %12s %12s %8s  %s\n", "metric", "first_third", "last_third", "change", "verdict"
        for (i = 2; i <= 7; i++) {
            a = 0; b = 0
            for (k = 1; k <= third; k++) a += v[k, i]
            for (k = n - third + 1; k <= n; k++) b += v[k, i]
            a /= third; b /= third
            verdict = (b - a > slack[i] && b > a * 1.1) ? "GREW" : "steady"
            if (verdict == "GREW") grew++
            printf "%-14s %12.1f %12.1f %+8.1f  %s\n", name[i], a, b, b - a, verdict
        }
        print (grew ? "SOAK: " grew " metric(s) grew" : "SOAK: nothing grew")
    }' "$work/samples.txt"
