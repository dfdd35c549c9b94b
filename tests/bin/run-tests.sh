#!/usr/bin/env bash
# Runs every test (unit, PostgreSQL, SoftHSM, end to end with acme4j) on a fresh machine.
# Installs what is missing (needs root for apt-get) and starts the local PostgreSQL if stopped.
set -euo pipefail
cd "$(dirname "$0")/../.."

missing=()
command -v softhsm2-util >/dev/null || missing+=(softhsm2)
command -v openssl >/dev/null || missing+=(openssl)
command -v pkcs11-tool >/dev/null || missing+=(opensc)       # key object checks (KeyAttributesTest)
command -v mvn >/dev/null || missing+=(maven)
command -v pg_isready >/dev/null || missing+=(postgresql)
command -v chromium >/dev/null || missing+=(chromium)          # admin console browser test
command -v chromedriver >/dev/null || missing+=(chromium-driver)
if ((${#missing[@]})); then
    echo "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [[ -z "${STICA_TEST_DB_URL:-}" ]] && ! pg_isready -q -h 127.0.0.1 -p 5432; then
    echo "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

# EnrollmentStatementsTest counts the SQL statements of one ACME enrollment with
# pg_stat_statements, which must be preloaded: add it to the local cluster once (kept on restart).
if [[ -z "${STICA_TEST_DB_URL:-}" ]]; then
    preload=$(psql -h 127.0.0.1 -U postgres -d postgres -Atqc "SHOW shared_preload_libraries")
    if [[ $preload != *pg_stat_statements* ]]; then
        echo "adding pg_stat_statements to shared_preload_libraries (restarts PostgreSQL)"
        psql -h 127.0.0.1 -U postgres -d postgres -qc \
            "ALTER SYSTEM SET shared_preload_libraries = '${preload:+$preload, }pg_stat_statements'"
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main restart
        for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
    fi
fi

exec mvn -B -ntp verify "$@"
