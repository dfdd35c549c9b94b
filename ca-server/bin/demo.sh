#!/usr/bin/env bash
# Builds STI-CA and starts a complete demo: PostgreSQL (local or embedded), keys (SoftHSM when
# STICA_HSM_LIBRARY is set, else a software store), the CA hierarchy, a demo STI-PA trusted by the
# CA, the ACME server and the CRL. Prints the ACME directory URL, the admin token and an example
# enrollment. Works as root or as an ordinary user; Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/../.."
root_dir=$PWD

if ! command -v mvn >/dev/null || ! command -v java >/dev/null; then
    if [[ $EUID -eq 0 ]]; then
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq && apt-get install -y -qq maven openjdk-17-jdk-headless >/dev/null
    else
        echo "demo: needs Java 17+ and Maven (apt-get install maven openjdk-17-jdk-headless)" >&2
        exit 1
    fi
fi

jar=ca-server/target/stica-server.jar
if [[ ! -f $jar || -n "$(find ca-server/src policy/src acme-endpoint/src crl-publisher/src \
        hsm-config/src -newer "$jar" -print -quit 2>/dev/null)" ]]; then
    echo "demo: building the server (mvn package, tests skipped)"
    mvn -B -q -ntp -DskipTests package -pl ca-server -am
fi

export STICA_DATA_DIR=${STICA_DATA_DIR:-$root_dir/.stica/demo}
mkdir -p "$STICA_DATA_DIR"

pg_local() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }

if [[ $EUID -eq 0 && -z "${STICA_DB_URL:-}" ]] && ! pg_local; then
    # No PostgreSQL to use and initdb refuses root: run the demo as an unprivileged user.
    id stica-demo >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin stica-demo
    chown -R stica-demo "$STICA_DATA_DIR"
    chmod o+x "$root_dir" "$(dirname "$root_dir")" 2>/dev/null || true
    echo "demo: running as user stica-demo (embedded PostgreSQL cannot run as root)"
    exec runuser -u stica-demo -- env "PATH=$PATH" $(env | grep -E '^STICA_' | tr '\n' ' ') \
        java -jar "$root_dir/$jar" demo "$@"
fi
exec java -jar "$jar" demo "$@"
