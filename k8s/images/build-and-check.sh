#!/usr/bin/env bash
# Builds every service's container image with Jib, pushes it to a loopback registry and checks what the manifests
# rely on: the entrypoint runs quarkus-run.jar with java, the user is the numeric non-root uid 185, the service's
# HTTP port is exposed. As root it also runs the simulator's image (chroot, read-only root) until it is ready.
#
# Needs: Debian's docker-registry and skopeo (installed if missing, as root), the machine's JDK 17 (jlink).
# The base image is built from that JDK (jlink runtime + the C libraries it links), so no registry outside this
# machine is needed; a release would set -Dquarkus.jib.base-jvm-image to its own base instead.
#
# Usage: k8s/images/build-and-check.sh [extra Maven arguments, e.g. -o -Dmaven.repo.local=...]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
PORT=${SAFESEND_IMAGES_PORT:-5055}
REGISTRY=127.0.0.1:$PORT
BASE=$REGISTRY/safesend/jre17:1
WORK=$(mktemp -d)
SERVICES="ingest-service:8081 dispatch-service:8082 consent-service:8083 health-monitor-service:8084 analytics-service:8085 cloud-api-simulator:8089"

if ! command -v docker-registry >/dev/null || ! command -v skopeo >/dev/null; then
  apt-get update -q && apt-get install -y -q docker-registry skopeo
fi

# ---- a loopback registry, stopped on exit ----
cat > "$WORK/registry.yml" <<CONF
version: 0.1
storage:
  filesystem:
    rootdirectory: $WORK/registry
http:
  addr: 127.0.0.1:$PORT
CONF
docker-registry serve "$WORK/registry.yml" > "$WORK/registry.log" 2>&1 &
REGISTRY_PID=$!
trap 'umount "$WORK/run-root/proc" "$WORK/run-root/tmp" "$WORK/run-root" 2>/dev/null || true; kill $REGISTRY_PID 2>/dev/null || true; rm -rf --one-file-system "$WORK"' EXIT
for _ in $(seq 1 50); do curl -sf "http://$REGISTRY/v2/" >/dev/null && break; sleep 0.2; done
curl -sf "http://$REGISTRY/v2/" >/dev/null && kill -0 $REGISTRY_PID 2>/dev/null \
  || { echo "images: the registry did not start on $REGISTRY (port taken? set SAFESEND_IMAGES_PORT)"; cat "$WORK/registry.log"; exit 1; }

# ---- the base image: a jlink runtime, its C libraries, a jboss user (185) and /tmp ----
JAVA_HOME=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
ROOTFS=$WORK/rootfs
"$JAVA_HOME/bin/jlink" --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.crypto.cryptoki,jdk.naming.dns,jdk.management,jdk.jfr,jdk.zipfs,jdk.localedata,jdk.net \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$ROOTFS/opt/java"
# Debian's cacerts is a link into /etc/ssl: keep the real file
cp -L "$JAVA_HOME/lib/security/cacerts" "$ROOTFS/opt/java/lib/security/cacerts" 2>/dev/null || true
find "$ROOTFS/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null \
  | grep -o '/[^ ]*\.so[^ ]*' | sort -u | while read -r lib; do
    mkdir -p "$ROOTFS$(dirname "$lib")"; cp -L "$lib" "$ROOTFS$lib"
  done
mkdir -p "$ROOTFS/etc" "$ROOTFS/tmp" "$ROOTFS/deployments" "$ROOTFS/home/jboss"
chmod 1777 "$ROOTFS/tmp"
printf 'root:x:0:0:root:/root:/sbin/nologin\njboss:x:185:185:jboss:/home/jboss:/sbin/nologin\n' > "$ROOTFS/etc/passwd"
printf 'root:x:0:\njboss:x:185:\n' > "$ROOTFS/etc/group"
chown 185:185 "$ROOTFS/deployments" "$ROOTFS/home/jboss"
python3 "$ROOT/k8s/images/oci-image.py" "$ROOTFS" "$WORK/oci"
skopeo copy --quiet --dest-tls-verify=false "oci:$WORK/oci:base" "docker://$BASE"
echo "images: base $BASE ($(du -sh "$ROOTFS" | cut -f1) unpacked)"

# ---- every service's image with Jib ----
start=$(date +%s)
modules=$(for s in $SERVICES; do printf '%s,' "${s%%:*}"; done)
./mvnw -B -ntp -q package -Pimages -DskipTests -pl "${modules%,}" -am "$@" \
  -Dquarkus.container-image.registry="$REGISTRY" -Dquarkus.container-image.insecure=true \
  -Dquarkus.jib.base-jvm-image="$BASE" -Dquarkus.jib.base-registry-username= \
  -Dquarkus.container-image.tag=check
echo "images: Jib build of $(echo $SERVICES | wc -w) services took $(( $(date +%s) - start )) s"

# ---- check each image's configuration ----
failed=0
for s in $SERVICES; do
  name=${s%%:*}; port=${s##*:}
  config=$(skopeo inspect --config --tls-verify=false "docker://$REGISTRY/safesend/$name:check")
  # the layers must hold the jar the entrypoint names, in the working directory
  skopeo copy --quiet --src-tls-verify=false "docker://$REGISTRY/safesend/$name:check" "dir:$WORK/$name"
  files=$(for layer in "$WORK/$name"/*; do tar tzf "$layer" 2>/dev/null || true; done)
  verdict=$(python3 - "$name" "$port" <<PY
import json, sys
name, port = sys.argv[1], sys.argv[2]
c = json.loads('''$config''')["config"]
files = set(f.lstrip("./").lstrip("/") for f in '''$files'''.split())
ep = (c.get("Entrypoint") or []) + (c.get("Cmd") or [])
problems = []
if not ep or not ep[0].endswith("java") or "quarkus-run.jar" not in " ".join(ep):
    problems.append("entrypoint %s" % ep)
workdir = c.get("WorkingDir", "")
if (workdir.strip("/") + "/quarkus-run.jar") not in files:
    problems.append("no quarkus-run.jar in the working directory %r" % workdir)
if not any(e.startswith("PATH=") and "/opt/java/bin" in e for e in c.get("Env", [])):
    problems.append("java is not on PATH (%s)" % c.get("Env"))
user = c.get("User", "")
if not user.split(":")[0].isdigit() or user.split(":")[0] == "0":
    problems.append("user %r is not a numeric non-root uid" % user)
if port + "/tcp" not in (c.get("ExposedPorts") or {}):
    problems.append("port %s/tcp not exposed (%s)" % (port, list((c.get("ExposedPorts") or {}).keys())))
print(("FAIL " + "; ".join(problems)) if problems else "ok entrypoint=%s workdir=%s user=%s ports=%s" % (" ".join(ep), workdir, user, ",".join(c.get("ExposedPorts", {}))))
PY
)
  echo "images: $name: $verdict"
  case $verdict in FAIL*) failed=1 ;; esac
done

# ---- run one image as Kubernetes would (as root only): its layers unpacked, the root read-only, /tmp writable, the
# image's user, working directory, environment and entrypoint; the simulator needs no Kafka or database ----
if [ "$failed" = 0 ] && [ "$(id -u)" = 0 ]; then
  name=cloud-api-simulator; run=$WORK/run-root
  mkdir -p "$run"
  for digest in $(python3 -c 'import json,sys; print(" ".join(l["digest"].split(":")[1] for l in json.load(open(sys.argv[1]))["layers"]))' "$WORK/$name/manifest.json"); do
    tar --warning=no-unknown-keyword -xzf "$WORK/$name/$digest" -C "$run"
  done
  mkdir -p "$run/proc" "$run/tmp"
  if ! { mount --bind "$run" "$run" && mount -o remount,bind,ro "$run" && mount -t tmpfs tmpfs "$run/tmp" \
         && mount --bind /proc "$run/proc"; }; then
    # a container without CAP_SYS_ADMIN: the images are built and checked; only this run is left out
    umount "$run/proc" "$run/tmp" "$run" 2>/dev/null || true
    echo "images: mounts are not permitted here, so $name is not run from its image (its configuration was checked)"
    exit 0
  fi
  config=$(skopeo inspect --config --tls-verify=false "docker://$REGISTRY/safesend/$name:check")
  SMOKE_PORT=$((PORT + 1))
  python3 - "$run" "$SMOKE_PORT" > "$WORK/smoke.log" 2>&1 <<PY &
import json, os, sys
c = json.loads('''$config''')["config"]
root, port = sys.argv[1], sys.argv[2]
env = dict(e.split("=", 1) for e in c.get("Env", []))
env.update(QUARKUS_HTTP_PORT=port, JAVA_TOOL_OPTIONS="-Xmx256m", SIMULATOR_WEBHOOK_URL="http://127.0.0.1:1/webhooks/whatsapp",
           SIMULATOR_ACCESS_TOKEN="smoke", SIMULATOR_APP_SECRET="smoke")
os.chroot(root); os.chdir(c.get("WorkingDir") or "/")
uid = int(c["User"].split(":")[0]); os.setgroups([]); os.setgid(uid); os.setuid(uid)
argv = (c.get("Entrypoint") or []) + (c.get("Cmd") or [])
os.execvpe(argv[0], argv, env)
PY
  SMOKE_PID=$!
  ready=no
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$SMOKE_PORT/q/health/ready" >/dev/null; then ready=yes; break; fi
    kill -0 $SMOKE_PID 2>/dev/null || break
    sleep 1
  done
  kill $SMOKE_PID 2>/dev/null || true; wait $SMOKE_PID 2>/dev/null || true
  umount "$run/proc" "$run/tmp" "$run" || true
  if [ "$ready" = yes ]; then
    echo "images: $name ran from its image (read-only root, user $(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["config"]["User"])' "$config")) and answered /q/health/ready"
  else
    echo "images: $name did not get ready from its image:"; tail -20 "$WORK/smoke.log"; failed=1
  fi
fi
exit $failed
