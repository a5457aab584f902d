#!/usr/bin/env bash
# Local services for ModalFlow on loopback: RabbitMQ, a MongoDB-wire database (FerretDB on SQLite),
# a single-node Kafka in KRaft mode and S3-compatible object storage (Versity S3 Gateway over a folder).
#
#   scripts/services.sh up [service...]    install what is missing, start what is not running, wait until ready
#   scripts/services.sh down [service...]  stop only the processes this script started (by their pid files)
#   scripts/services.sh status             one line per service
#
# Services: rabbitmq, ferretdb, kafka, s3 (all when none is named). Data, logs and pid files live under
# .services/ (git-ignored; MODALFLOW_SERVICES_DIR moves them). Built binaries and jars are cached
# under $MODALFLOW_CACHE (default ~/.cache/modalflow) so a second `up` takes seconds. The ports can be
# moved (MONGODB_PORT, FERRETDB_DEBUG_PORT, RABBITMQ_PORT, RABBITMQ_MANAGEMENT_PORT,
# RABBITMQ_DIST_PORT, KAFKA_PORT, KAFKA_CONTROLLER_PORT, S3_PORT): the fault tests start instances of their
# own this way, with a services dir of their own, and kill them.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STATE=${MODALFLOW_SERVICES_DIR:-$ROOT/.services}
CACHE=${MODALFLOW_CACHE:-$HOME/.cache/modalflow}
RUN=$STATE/run
LOGS=$STATE/logs

FERRETDB_VERSION=1.24.2
VERSITYGW_VERSION=v1.8.0
KAFKA_VERSION=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$ROOT/scripts/services/kafka/pom.xml")

MONGO_PORT=${MONGODB_PORT:-27017}
FERRETDB_DEBUG_PORT=${FERRETDB_DEBUG_PORT:-8088}
RABBIT_PORT=${RABBITMQ_PORT:-5672}
RABBIT_MGMT_PORT=${RABBITMQ_MANAGEMENT_PORT:-15672}
KAFKA_PORT=${KAFKA_PORT:-9092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}
# shellcheck source=scripts/local-storage.sh
source "$ROOT/scripts/local-storage.sh" # S3_PORT, the credentials and buckets the apps use
READY_TIMEOUT=${SERVICES_READY_TIMEOUT:-120}

log() { printf '[services] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_alive() {
  local f=$RUN/$1.pid
  [[ -f $f ]] && kill -0 "$(cat "$f")" 2>/dev/null
}

wait_port() { # name port
  local deadline=$((SECONDS + READY_TIMEOUT))
  until port_open "$2"; do
    pid_alive "$1" || die "$1 exited while starting; see $LOGS/$1.log"
    ((SECONDS < deadline)) || die "$1 did not accept connections on 127.0.0.1:$2 within ${READY_TIMEOUT}s; see $LOGS/$1.log"
    sleep 0.5
  done
}

apt_install() {
  log "installing Debian packages: $*"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq --no-install-recommends "$@" >"$LOGS/apt.log" 2>&1; then
    apt-get update -qq >>"$LOGS/apt.log" 2>&1
    apt-get install -y -qq --no-install-recommends "$@" >>"$LOGS/apt.log" 2>&1 || die "apt-get install $* failed; see $LOGS/apt.log"
  fi
}

# ---------------------------------------------------------------- RabbitMQ
rabbit_env() {
  # A node on another port is another node (its own name, Erlang distribution port and data).
  if ((RABBIT_PORT == 5672)); then export RABBITMQ_NODENAME=modalflow@localhost
  else export RABBITMQ_NODENAME=modalflow-$RABBIT_PORT@localhost; fi
  export RABBITMQ_DIST_PORT=${RABBITMQ_DIST_PORT:-$((RABBIT_PORT + 20000))}
  export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
  export RABBITMQ_NODE_PORT=$RABBIT_PORT
  export RABBITMQ_BASE=$STATE/rabbitmq
  export RABBITMQ_MNESIA_BASE=$STATE/rabbitmq/mnesia
  export RABBITMQ_LOG_BASE=$LOGS/rabbitmq
  export RABBITMQ_PID_FILE=$RUN/rabbitmq.pid
  export RABBITMQ_CONFIG_FILE=$STATE/rabbitmq/rabbitmq.conf
  export RABBITMQ_ENABLED_PLUGINS_FILE=$STATE/rabbitmq/enabled_plugins
  export RABBITMQ_ADVANCED_CONFIG_FILE=$STATE/rabbitmq/advanced.config
}

rabbit_up() {
  rabbit_env
  if port_open $RABBIT_PORT; then log "rabbitmq already listening on $RABBIT_PORT"; return; fi
  [[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] || apt_install rabbitmq-server
  mkdir -p "$RABBITMQ_MNESIA_BASE" "$RABBITMQ_LOG_BASE"
  cat >"$RABBITMQ_CONFIG_FILE" <<EOF
listeners.tcp.default = 127.0.0.1:$RABBIT_PORT
management.tcp.ip = 127.0.0.1
management.tcp.port = $RABBIT_MGMT_PORT
default_user = ${RABBITMQ_USER:-modalflow}
default_pass = ${RABBITMQ_PASSWORD:-modalflow}
loopback_users = none
EOF
  echo '[].' >"$RABBITMQ_ADVANCED_CONFIG_FILE"
  echo '[rabbitmq_management].' >"$RABBITMQ_ENABLED_PLUGINS_FILE"
  [[ -f $HOME/.erlang.cookie ]] || { head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$HOME/.erlang.cookie"; chmod 400 "$HOME/.erlang.cookie"; }
  log "starting rabbitmq on 127.0.0.1:$RABBIT_PORT (management on $RABBIT_MGMT_PORT)"
  rm -f "$RUN/rabbitmq.pid" # left by a node that was killed: the new node writes its own
  # The Debian wrapper in /usr/sbin switches to the rabbitmq user; the real script runs as us.
  /usr/lib/rabbitmq/bin/rabbitmq-server -detached >"$LOGS/rabbitmq.log" 2>&1
  local deadline=$((SECONDS + 30))
  until [[ -s $RUN/rabbitmq.pid ]]; do ((SECONDS < deadline)) || die "rabbitmq wrote no pid file"; sleep 0.2; done
  wait_port rabbitmq $RABBIT_PORT
  /usr/lib/rabbitmq/bin/rabbitmqctl -q await_startup >/dev/null 2>&1 || true
}

rabbit_down() { rabbit_env; stop_pid rabbitmq; }

# ---------------------------------------------------------------- FerretDB
# "+id-index+write-lock": built with the two patches in scripts/services/ferretdb; a binary built without them is not reused.
FERRETDB_PATCHES=$ROOT/scripts/services/ferretdb
ferretdb_bin() { echo "$CACHE/ferretdb-$FERRETDB_VERSION+id-index+write-lock/ferretdb"; }

ferretdb_build() {
  local out dir src
  out=$(ferretdb_bin)
  [[ -x $out ]] && return
  command -v go >/dev/null || die "go is needed to build FerretDB"
  dir=$(dirname "$out")/build
  log "building FerretDB $FERRETDB_VERSION (once)"
  rm -rf "$dir" && mkdir -p "$dir"
  (
    cd "$dir"
    go mod init modalflow.local/ferretdb >/dev/null 2>&1
    go get -tool "github.com/FerretDB/FerretDB/cmd/ferretdb@v$FERRETDB_VERSION" >"$LOGS/ferretdb-build.log" 2>&1
    # A build from the module cache lacks build/version/version.txt and panics at start, whether it
    # is built with `go install` or as a tool. Build from a copy of the module with that file added.
    src=$(go list -m -f '{{.Dir}}' github.com/FerretDB/FerretDB)
    cp -r "$src" ferretdb-src && chmod -R u+w ferretdb-src
    echo "v$FERRETDB_VERSION" >ferretdb-src/build/version/version.txt
    # Our two patches (scripts/services/ferretdb/, docs/development.md "The local database's patches"):
    # lookups by `_id` served by the `_id` index, and MongoDB's single-document atomicity.
    (cd ferretdb-src && git apply "$FERRETDB_PATCHES"/id-index.patch "$FERRETDB_PATCHES"/write-lock.patch)
    cd ferretdb-src && go build -o "$out" ./cmd/ferretdb >>"$LOGS/ferretdb-build.log" 2>&1
  ) || die "building FerretDB failed; see $LOGS/ferretdb-build.log"
  rm -rf "$dir"
}

ferretdb_up() {
  if port_open "$MONGO_PORT"; then log "a MongoDB-wire database already listens on $MONGO_PORT"; return; fi
  ferretdb_build
  mkdir -p "$STATE/ferretdb/data"
  log "starting ferretdb (SQLite) on 127.0.0.1:$MONGO_PORT"
  # GOGC=400: a quarter of the garbage collections for a heap of ~100 MB; about a fifth less CPU per
  # inserted document (bench/pipeline: ~90 -> ~70 µs per resource).
  GOGC=400 nohup "$(ferretdb_bin)" --handler=sqlite --sqlite-url="file:$STATE/ferretdb/data/" \
    --state-dir="$STATE/ferretdb" --listen-addr="127.0.0.1:$MONGO_PORT" --debug-addr=127.0.0.1:$FERRETDB_DEBUG_PORT \
    --telemetry=disable --log-level=warn >"$LOGS/ferretdb.log" 2>&1 &
  echo $! >"$RUN/ferretdb.pid"
  wait_port ferretdb "$MONGO_PORT"
}

# ---------------------------------------------------------------- Kafka
kafka_libs() { echo "$CACHE/kafka-$KAFKA_VERSION/libs"; }

kafka_fetch() {
  local libs
  libs=$(kafka_libs)
  [[ -f $libs/kafka_2.13-$KAFKA_VERSION.jar ]] && return
  command -v mvn >/dev/null || die "maven is needed to fetch the Kafka jars"
  log "fetching Kafka $KAFKA_VERSION jars from Maven Central (once)"
  mkdir -p "$libs"
  mvn -q -B -f "$ROOT/scripts/services/kafka/pom.xml" dependency:copy-dependencies \
    -DoutputDirectory="$libs" >"$LOGS/kafka-fetch.log" 2>&1 || die "fetching Kafka jars failed; see $LOGS/kafka-fetch.log"
}

kafka_up() {
  if port_open $KAFKA_PORT; then log "kafka already listening on $KAFKA_PORT"; return; fi
  command -v java >/dev/null || die "java 17 is needed for Kafka"
  kafka_fetch
  local dir=$STATE/kafka
  mkdir -p "$dir/data"
  cat >"$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$dir/data
num.partitions=3
auto.create.topics.enable=true
# One node: internal topics must have a single replica or consumers never find a coordinator.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.retention.hours=24
EOF
  cat >"$dir/log4j2.properties" <<EOF
rootLogger.level=WARN
rootLogger.appenderRef.file.ref=FILE
appender.file.type=File
appender.file.name=FILE
appender.file.fileName=$LOGS/kafka-server.log
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=[%d] %p %m (%c)%n
EOF
  local cp
  cp="$(kafka_libs)/*"
  if [[ ! -f $dir/data/meta.properties ]]; then
    java -cp "$cp" -Dlog4j2.configurationFile="$dir/log4j2.properties" kafka.tools.StorageTool format \
      -t "$(java -cp "$cp" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -1)" \
      -c "$dir/server.properties" >"$LOGS/kafka-format.log" 2>&1 || die "formatting Kafka storage failed; see $LOGS/kafka-format.log"
  fi
  log "starting kafka (KRaft) on 127.0.0.1:$KAFKA_PORT"
  nohup java -Xms256m -Xmx768m -cp "$cp" -Dlog4j2.configurationFile="$dir/log4j2.properties" \
    kafka.Kafka "$dir/server.properties" >"$LOGS/kafka.log" 2>&1 &
  echo $! >"$RUN/kafka.pid"
  wait_port kafka $KAFKA_PORT
}

# ---------------------------------------------------------------- S3 (Versity S3 Gateway)
s3_bin() { echo "$CACHE/versitygw-$VERSITYGW_VERSION/versitygw"; }

s3_up() {
  if port_open "$S3_PORT"; then log "an S3 server already listens on $S3_PORT"; return; fi
  if [[ ! -x $(s3_bin) ]]; then
    command -v go >/dev/null || die "go is needed to build the S3 server (versitygw)"
    log "building versitygw $VERSITYGW_VERSION (once, about 2.5 minutes)"
    GOBIN=$(dirname "$(s3_bin)") go install "github.com/versity/versitygw/cmd/versitygw@$VERSITYGW_VERSION" \
      >"$LOGS/s3-build.log" 2>&1 || die "building versitygw failed; see $LOGS/s3-build.log"
  fi
  mkdir -p "$STATE/s3/data"
  log "starting s3 (versitygw, posix) on 127.0.0.1:$S3_PORT"
  ROOT_ACCESS_KEY=$AWS_ACCESS_KEY_ID ROOT_SECRET_KEY=$AWS_SECRET_ACCESS_KEY nohup "$(s3_bin)" --port "127.0.0.1:$S3_PORT" \
    posix "$STATE/s3/data" >"$LOGS/s3.log" 2>&1 &
  echo $! >"$RUN/s3.pid"
  wait_port s3 "$S3_PORT"
  local bucket code
  for bucket in "$FILE_BUCKET" "$CACHE_BUCKET" "$UPLOAD_BUCKET"; do
    [[ -n $bucket ]] || continue
    # 200 created, 409 already there.
    code=$(curl -sS -o /dev/null -w '%{http_code}' -X PUT --aws-sigv4 'aws:amz:us-east-1:s3' \
      --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" -H "x-amz-content-sha256: $(printf '' | sha256sum | cut -d' ' -f1)" \
      "http://127.0.0.1:$S3_PORT/$bucket")
    [[ $code == 200 || $code == 409 ]] || die "creating bucket $bucket answered $code; see $LOGS/s3.log"
  done
}

# ---------------------------------------------------------------- common
stop_pid() {
  local name=$1 f=$RUN/$1.pid pid
  [[ -f $f ]] || { log "$name: not started by this script"; return; }
  pid=$(cat "$f")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $name (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$f"
}

status_line() { # name port
  if pid_alive "$1" && port_open "$2"; then echo "$1: running on 127.0.0.1:$2 (pid $(cat "$RUN/$1.pid"))"
  elif port_open "$2"; then echo "$1: port $2 is served by a process this script did not start"
  else echo "$1: stopped"; fi
}

mkdir -p "$RUN" "$LOGS" "$CACHE"
command=${1:-}
shift || true
services=("$@")
((${#services[@]})) || services=(rabbitmq ferretdb kafka s3)
for service in "${services[@]}"; do
  [[ $service =~ ^(rabbitmq|ferretdb|kafka|s3)$ ]] || { echo "unknown service: $service" >&2; exit 2; }
done
case "$command" in
  up)
    start=$SECONDS
    for service in "${services[@]}"; do
      case $service in rabbitmq) rabbit_up ;; ferretdb) ferretdb_up ;; kafka) kafka_up ;; s3) s3_up ;; esac
    done
    log "${services[*]} ready in $((SECONDS - start))s"
    ;;
  down)
    for service in s3 kafka ferretdb rabbitmq; do
      [[ " ${services[*]} " == *" $service "* ]] || continue
      case $service in rabbitmq) rabbit_down ;; *) stop_pid "$service" ;; esac
    done
    ;;
  status)
    status_line rabbitmq $RABBIT_PORT
    status_line ferretdb "$MONGO_PORT"
    status_line kafka $KAFKA_PORT
    status_line s3 "$S3_PORT"
    ;;
  *) echo "usage: $0 up|down [rabbitmq|ferretdb|kafka|s3...] | status" >&2; exit 2 ;;
esac
