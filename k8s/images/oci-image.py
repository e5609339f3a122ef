"""Packs a root filesystem into a one-layer OCI image layout (tag "base"), for skopeo to push.

Usage: oci-image.py ROOTFS OUTDIR. The image runs as 185 with PATH and JAVA_HOME pointing at /opt/java.
"""
import gzip, hashlib, io, json, os, sys, tarfile

rootfs, out = sys.argv[1], sys.argv[2]
os.makedirs(f"{out}/blobs/sha256", exist_ok=True)

def blob(data):
    digest = hashlib.sha256(data).hexdigest()
    with open(f"{out}/blobs/sha256/{digest}", "wb") as f:
        f.write(data)
    return "sha256:" + digest, len(data)

raw = io.BytesIO()
with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
    for name in sorted(os.listdir(rootfs)):
        tar.add(os.path.join(rootfs, name), arcname=name)
diff_id = "sha256:" + hashlib.sha256(raw.getvalue()).hexdigest()
layer_digest, layer_size = blob(gzip.compress(raw.getvalue(), mtime=0))
config = {
    "architecture": "amd64", "os": "linux",
    "config": {"User": "185", "WorkingDir": "/deployments",
               "Env": ["PATH=/opt/java/bin:/usr/bin:/bin", "JAVA_HOME=/opt/java", "LANG=C.UTF-8"]},
    "rootfs": {"type": "layers", "diff_ids": [diff_id]},
    "history": [{"created_by": "k8s/images/build-and-check.sh: jlink runtime of the build machine's JDK"}],
}
config_digest, config_size = blob(json.dumps(config).encode())
manifest = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": config_digest, "size": config_size},
            "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": layer_digest, "size": layer_size}]}
manifest_digest, manifest_size = blob(json.dumps(manifest).encode())
with open(f"{out}/oci-layout", "w") as f:
    json.dump({"imageLayoutVersion": "1.0.0"}, f)
with open(f"{out}/index.json", "w") as f:
    json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
               "digest": manifest_digest, "size": manifest_size,
               "annotations": {"org.opencontainers.image.ref.name": "base"}}]}, f)
