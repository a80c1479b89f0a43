# Sourced by run.sh and ../curves/concurrency.sh: confidant_yaml CF_PORT UPSTREAM_PORT TOKEN_SHA256 prints the
# gateway's confidant.yaml (models canned and canned-paced on the openai backend at the upstream, one bearer token,
# one space; every other setting at its default).
confidant_yaml() {
  cat <<EOF_YAML
listen: {host: 127.0.0.1, port: $1}
backends:
  openai: {base-url: "http://127.0.0.1:$2/v1", api-key: sk-bench}
models:
  - {id: canned, backend: openai}
  - {id: canned-paced, backend: openai}
tokens:
  - {principal: bench, sha256: $3}
spaces:
  - id: default
    members: [{principal: bench, role: viewer}]
default-space: default
EOF_YAML
}
