#!/usr/bin/env bash
# Builds STI-CA and starts a complete demo: PostgreSQL (local or embedded), keys in a SoftHSM token
# in the data directory (<dataDir>/softhsm, token "stica-demo"; or the PKCS#11 token that
# STICA_HSM_LIBRARY names; a software PKCS#12 store only when SoftHSM cannot be had), the CA
# hierarchy, a demo STI-PA trusted by the CA, the ACME server and the CRL. Prints the ACME
# directory URL, the admin token and an example enrollment. Works as root (installing what is
# missing) or as an ordinary user; Ctrl-C stops it.
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
STICA_DATA_DIR=$(cd "$STICA_DATA_DIR" && pwd)

softhsm_library() {
    local candidate
    for candidate in /usr/lib/softhsm/libsofthsm2.so /usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so \
            /usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so /usr/lib64/pkcs11/libsofthsm2.so \
            /usr/local/lib/softhsm/libsofthsm2.so; do
        [[ -f $candidate ]] && { echo "$candidate"; return 0; }
    done
    return 1
}

# A random secret in a new file readable by its owner only; never printed.
secret_file() {
    [[ -s $1 ]] && return 0
    (umask 077 && head -c 18 /dev/urandom | base64 | tr '+/' '-_' > "$1")
}

# The demo's keys live in a SoftHSM token in the data directory, unless a PKCS#11 token is
# configured (STICA_HSM_LIBRARY) or the demo already keeps them in a software store.
hsm_dir=$STICA_DATA_DIR/softhsm
if [[ -z "${STICA_HSM_LIBRARY:-}" && ( -d $hsm_dir || ! -f $STICA_DATA_DIR/keystore.p12 ) ]]; then
    if ! command -v softhsm2-util >/dev/null || ! softhsm_library >/dev/null; then
        if [[ $EUID -eq 0 ]]; then
            echo "demo: installing softhsm2"
            export DEBIAN_FRONTEND=noninteractive
            { apt-get update -qq && apt-get install -y -qq softhsm2 >/dev/null; } \
                || echo "demo: could not install softhsm2" >&2
        fi
    fi
    if command -v softhsm2-util >/dev/null && library=$(softhsm_library); then
        mkdir -p "$hsm_dir/tokens"
        chmod 700 "$hsm_dir"
        export SOFTHSM2_CONF=$hsm_dir/softhsm2.conf
        [[ -f $SOFTHSM2_CONF ]] || printf '%s\n' "directories.tokendir = $hsm_dir/tokens" \
            "objectstore.backend = file" "log.level = ERROR" "slots.removable = false" \
            > "$SOFTHSM2_CONF"
        secret_file "$hsm_dir/user.pin"
        secret_file "$hsm_dir/so.pin"
        slots=$(softhsm2-util --show-slots 2>/dev/null || true)
        if ! grep -Eq '^ *Label: +stica-demo *$' <<<"$slots"; then
            # softhsm2-util takes PINs only as arguments or from a terminal
            softhsm2-util --init-token --free --label stica-demo --pin "$(cat "$hsm_dir/user.pin")" \
                --so-pin "$(cat "$hsm_dir/so.pin")" >/dev/null
            echo "demo: initialised SoftHSM token 'stica-demo' in $hsm_dir (PINs in user.pin, so.pin)"
        fi
        export STICA_HSM_LIBRARY=$library STICA_HSM_TOKEN_LABEL=stica-demo
        export STICA_HSM_PIN_FILE=$hsm_dir/user.pin
    else
        echo "demo: WARNING: SoftHSM2 is not available (apt-get install softhsm2); the CA keys go" \
            "into a software PKCS#12 store in $STICA_DATA_DIR" >&2
    fi
fi

pg_local() { (exec 3<>/dev/tcp/127.0.0.1/5432) 2>/dev/null; }

if [[ $EUID -eq 0 && -z "${STICA_DB_URL:-}" ]] && ! pg_local; then
    # No PostgreSQL to use and initdb refuses root: run the demo as an unprivileged user.
    id stica-demo >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin stica-demo
    chown -R stica-demo "$STICA_DATA_DIR"
    chmod o+x "$root_dir" "$(dirname "$root_dir")" 2>/dev/null || true
    echo "demo: running as user stica-demo (embedded PostgreSQL cannot run as root)"
    exec runuser -u stica-demo -- env "PATH=$PATH" $(env | grep -E '^(STICA_|SOFTHSM2_CONF=)' | tr '\n' ' ') \
        java -jar "$root_dir/$jar" demo "$@"
fi
exec java -jar "$jar" demo "$@"
