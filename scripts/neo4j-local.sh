#!/usr/bin/env bash
# Run a real Neo4j Community server from Maven Central jars on 127.0.0.1 (no Docker, no tarball).
#
# Usage: scripts/neo4j-local.sh start|stop|status|restart|kill|jars|admin ARGS...
#   (kill = SIGKILL without a clean shutdown, for throwaway state directories;
#    jars = fetch the jars if needed and print their directory;
#    admin = run neo4j-admin (org.neo4j.cli.AdminTool) on this state directory's home while the
#    server is stopped, e.g. `admin database import full --nodes=... neo4j`, which is what
#    `diplograph bulk-load --neo4j-home $NEO4J_LOCAL_DIR/home` runs)
#
# Environment:
#   NEO4J_VERSION         Neo4j version to fetch (default 5.26.11)
#   NEO4J_LOCAL_DIR       state directory (default <repo>/.neo4j-local; gitignored)
#   NEO4J_JARS_DIR        where the server jars go (default <repo>/.neo4j-local/jars/<version>;
#                         shared by every state directory)
#   NEO4J_BOLT_PORT       Bolt port on 127.0.0.1 (default 17687)
#   NEO4J_HEAP            JVM heap, e.g. 512m (default 512m)
#   NEO4J_PAGECACHE       page cache size (default 64m)
#   NEO4J_START_TIMEOUT   seconds to wait for the first Bolt round trip (default 180)
#   JAVA_HOME             a Java 17 or 21 home (default /usr/lib/jvm/java-17-openjdk-amd64 if it
#                         exists, else the `java` on PATH)
#   PYTHON                python with the `neo4j` driver installed, used for the readiness check
#                         (default: <repo>/.venv/bin/python if present, else python3)
#   MVN                   maven command (default mvn)
#
# Authentication is disabled: the server only listens on 127.0.0.1 and is for tests.
# Jars are fetched once with `mvn dependency:copy-dependencies` (cached in ~/.m2 and in
# NEO4J_JARS_DIR). Several servers can run side by side with different NEO4J_LOCAL_DIR
# and NEO4J_BOLT_PORT (the test fixture starts one per test session).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
V=${NEO4J_VERSION:-5.26.11}
ROOT=$(realpath -m "${NEO4J_LOCAL_DIR:-$REPO/.neo4j-local}")
H=$ROOT/home
JARS=$(realpath -m "${NEO4J_JARS_DIR:-$REPO/.neo4j-local/jars/$V}")
PORT=${NEO4J_BOLT_PORT:-17687}
HEAP=${NEO4J_HEAP:-512m}
PAGECACHE=${NEO4J_PAGECACHE:-64m}
TIMEOUT=${NEO4J_START_TIMEOUT:-180}
if [ -n "${JAVA_HOME:-}" ]; then
  JAVA=$JAVA_HOME/bin/java
elif [ -x /usr/lib/jvm/java-17-openjdk-amd64/bin/java ]; then
  JAVA=/usr/lib/jvm/java-17-openjdk-amd64/bin/java
else
  JAVA=$(command -v java || echo java)
fi
MVN=${MVN:-mvn}
PIDFILE=$ROOT/neo4j.pid
LOG=$ROOT/neo4j.out
if [ -z "${PYTHON:-}" ]; then
  if [ -x "$REPO/.venv/bin/python" ]; then PYTHON=$REPO/.venv/bin/python; else PYTHON=python3; fi
fi

say() { echo "neo4j: $*"; }
die() { echo "neo4j: ERROR: $*" >&2; exit 1; }

log_tail() {
  if [ -f "$LOG" ]; then
    echo "neo4j: ---- last 60 lines of $LOG ----" >&2
    tail -n 60 "$LOG" >&2 || true
    echo "neo4j: ---- end of log ----" >&2
  fi
  # debug.log only when it was written by this start (it survives between runs)
  if [ -f "$H/logs/debug.log" ] && [ "$H/logs/debug.log" -nt "$ROOT/start.stamp" ]; then
    echo "neo4j: ---- last 30 lines of $H/logs/debug.log ----" >&2
    tail -n 30 "$H/logs/debug.log" >&2 || true
  fi
}

# pid of our running server, or empty
running_pid() {
  local pid
  [ -f "$PIDFILE" ] || return 0
  pid=$(cat "$PIDFILE" 2>/dev/null || true)
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  # the pid must still be our server (pids are reused)
  if { [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' < "/proc/$pid/cmdline"; } 2>/dev/null \
       | grep -q CommunityEntryPoint \
     || ps -p "$pid" -o args= 2>/dev/null | grep -q CommunityEntryPoint; then
    echo "$pid"
  fi
}

# One Bolt round trip with the official driver; waits up to $1 seconds while pid $2 lives.
bolt_wait() {
  "$PYTHON" - "$PORT" "$1" "${2:-0}" <<'PY'
import os
import sys
import time

try:
    from neo4j import GraphDatabase
except ImportError:
    sys.exit(f"neo4j: ERROR: the python at {sys.executable} has no `neo4j` driver (set PYTHON=...)")

port, timeout, pid = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
deadline = time.monotonic() + timeout
last = None
while True:
    if pid:
        try:
            os.kill(pid, 0)
        except OSError:
            sys.exit("neo4j: ERROR: the server process exited during startup")
    try:
        # a plain session (no managed-transaction retries, which would log noise)
        with GraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=None, connection_timeout=3) as d:
            with d.session(database="neo4j") as session:
                result = session.run("RETURN 1 AS ok")
                ok = result.single(strict=True)["ok"]
                agent = result.consume().server.agent
            if ok == 1:
                print(agent)
                sys.exit(0)
    except Exception as exc:  # not up yet
        last = exc
    if time.monotonic() > deadline:
        sys.exit(f"neo4j: ERROR: no Bolt answer on 127.0.0.1:{port} after {timeout:.0f}s: {last}")
    time.sleep(1)
PY
}

fetch_jars() {
  if [ -f "$JARS/.ok" ]; then
    return 0
  fi
  command -v "$MVN" >/dev/null 2>&1 || die "maven ('$MVN') not found; it is needed once to fetch the Neo4j jars"
  mkdir -p "$(dirname "$JARS")"
  exec 8>"$JARS.lock"
  flock 8  # concurrent starts share one jar directory
  if [ ! -f "$JARS/.ok" ]; then
    say "fetching org.neo4j:neo4j:$V and its runtime dependencies with maven into $JARS"
    local tmp=$JARS.tmp
    rm -rf "$tmp"
    mkdir -p "$tmp"
    cat > "$tmp/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.diplograph</groupId>
  <artifactId>neo4j-server-jars</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.neo4j</groupId>
      <artifactId>neo4j</artifactId>
      <version>$V</version>
    </dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin>
        <groupId>org.apache.maven.plugins</groupId>
        <artifactId>maven-dependency-plugin</artifactId>
        <version>3.6.1</version>
      </plugin>
    </plugins>
  </build>
</project>
EOF
    # (maven 3.8 prints colour codes even in batch mode; strip them for CI logs)
    "$MVN" -B -q -Dstyle.color=never -f "$tmp/pom.xml" dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$tmp/lib" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' \
      || die "maven could not fetch org.neo4j:neo4j:$V"
    [ -f "$tmp/lib/neo4j-$V.jar" ] || die "maven ran but neo4j-$V.jar is missing"
    touch "$tmp/lib/.ok"
    rm -rf "$JARS"
    mv "$tmp/lib" "$JARS"
    rm -rf "$tmp"
    say "$(find "$JARS" -name '*.jar' | wc -l) jars in $JARS"
  fi
  exec 8>&-
}

write_conf() {
  mkdir -p "$H"/{conf,data,logs,plugins,run,import}
  # Neo4j 5 validates settings strictly: only real setting names here.
  cat > "$H/conf/neo4j.conf" <<EOF
server.default_listen_address=127.0.0.1
server.default_advertised_address=127.0.0.1
server.bolt.enabled=true
server.bolt.listen_address=127.0.0.1:$PORT
server.bolt.advertised_address=127.0.0.1:$PORT
server.http.enabled=false
server.https.enabled=false
dbms.security.auth_enabled=false
dbms.usage_report.enabled=false
server.memory.pagecache.size=$PAGECACHE
db.tx_log.preallocate=false
db.tx_log.rotation.retention_policy=1 files
EOF
}

start() {
  local pid version
  pid=$(running_pid)
  if [ -n "$pid" ]; then
    if version=$(bolt_wait 10 "$pid"); then
      say "already running (pid $pid, $version) on bolt://127.0.0.1:$PORT; reusing it"
      return 0
    fi
    say "pid $pid does not answer on Bolt; stopping it and starting again"
    stop
  fi
  [ -x "$JAVA" ] || die "no java at $JAVA (set JAVA_HOME to a Java 17 or 21 JDK)"
  local major
  major=$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  case "$major" in
    17|21) ;;
    *) die "Neo4j $V needs Java 17 or 21, but $JAVA is Java ${major:-?} (set JAVA_HOME)" ;;
  esac
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    die "port $PORT on 127.0.0.1 is already taken by another process; set NEO4J_BOLT_PORT"
  fi
  fetch_jars
  write_conf
  touch "$ROOT/start.stamp"
  say "starting Neo4j $V Community on bolt://127.0.0.1:$PORT (heap $HEAP, home $H)"
  # JVM flags: those the 5.26 distribution sets in server.jvm.additional, plus an explicit heap.
  nohup "$JAVA" -Xms"$HEAP" -Xmx"$HEAP" \
    -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+UnlockExperimentalVMOptions \
    -XX:+TrustFinalNonStaticFields -XX:+DisableExplicitGC -Djdk.nio.maxCachedBufferSize=1024 \
    -Dio.netty.tryReflectionSetAccessible=true -Djdk.tls.ephemeralDHKeySize=2048 \
    -Djdk.tls.rejectClientInitiatedRenegotiation=true \
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
    -Dlog4j2.disable.jmx=true -Dfile.encoding=UTF-8 \
    -cp "$H/plugins/*:$JARS/*" org.neo4j.server.CommunityEntryPoint \
    --home-dir="$H" --config-dir="$H/conf" --console-mode > "$LOG" 2>&1 < /dev/null 8>&- 9>&- &
  pid=$!
  echo "$pid" > "$PIDFILE"
  local t0=$SECONDS
  if ! version=$(bolt_wait "$TIMEOUT" "$pid"); then
    log_tail
    stop >/dev/null 2>&1 || true
    die "Neo4j did not become ready on bolt://127.0.0.1:$PORT (see the log above)"
  fi
  say "neo4j ready: $version on bolt://127.0.0.1:$PORT (pid $pid, $((SECONDS - t0))s)"
}

stop() {
  local pid i
  pid=$(running_pid)
  if [ -z "$pid" ]; then
    rm -f "$PIDFILE"
    say "not running"
    return 0
  fi
  say "stopping pid $pid"
  kill "$pid" 2>/dev/null || true
  for i in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "pid $pid still alive after 30s; killing it"
    kill -9 "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$PIDFILE"
  say "stopped"
}

# For throwaway servers (test sessions): no clean shutdown, the state directory is deleted next.
kill_now() {
  local pid
  pid=$(running_pid)
  if [ -z "$pid" ]; then
    rm -f "$PIDFILE"
    say "not running"
    return 0
  fi
  kill -9 "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  rm -f "$PIDFILE"
  say "killed pid $pid"
}

status() {
  local pid version
  pid=$(running_pid)
  if [ -z "$pid" ]; then
    say "not running"
    return 3
  fi
  if version=$(bolt_wait 5 "$pid"); then
    say "running (pid $pid, $version) on bolt://127.0.0.1:$PORT"
  else
    say "process $pid is alive but does not answer on bolt://127.0.0.1:$PORT"
    return 1
  fi
}

# serialise concurrent start/stop calls (parallel test sessions share one server);
# fd 9 is closed for the server process so that it does not hold the lock
mkdir -p "$ROOT"
exec 9>"$ROOT/lock"
flock 9

admin() {
  local pid
  pid=$(running_pid)
  [ -z "$pid" ] || die "the server (pid $pid) is running on $H: stop it first (neo4j-admin works offline)"
  fetch_jars
  write_conf
  NEO4J_HOME=$H NEO4J_CONF=$H/conf "$JAVA" -Xmx"$HEAP" -cp "$JARS/*" org.neo4j.cli.AdminTool "$@" 8>&- 9>&-
}

case "${1:-}" in
  start) start ;;
  jars) fetch_jars; echo "$JARS" ;;
  admin) shift; admin "$@" ;;
  stop) stop ;;
  kill) kill_now ;;
  status) status ;;
  restart) stop; start ;;
  *) echo "usage: $0 start|stop|status|restart|kill|jars|admin ARGS..." >&2; exit 2 ;;
esac
