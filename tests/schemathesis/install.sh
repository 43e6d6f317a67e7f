# Sourced by tests/schemathesis/run.sh (`make test`) and tests/soak/run.sh (`make soak`):
# schemathesis, pinned, in a virtual environment of its own under target/.
SCHEMATHESIS_VERSION=4.32.5
SCHEMATHESIS=target/schemathesis-venv/bin/schemathesis

install_schemathesis() {
  [[ "$("$SCHEMATHESIS" --version 2>/dev/null || true)" == *" $SCHEMATHESIS_VERSION" ]] && return
  echo "installing schemathesis $SCHEMATHESIS_VERSION" >&2
  rm -rf target/schemathesis-venv
  python3 -m venv target/schemathesis-venv
  target/schemathesis-venv/bin/pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2
}
