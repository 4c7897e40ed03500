#!/usr/bin/env bash
# `vpcheck audit` throughput and peak memory on N (default 100 000) mixed stored results, with
# --jobs 1 and --jobs 2, using the release binary. Numbers are in the README ("Audit").
#
#   bash benches/audit.sh            # 100 000 items
#   N=1000000 bash benches/audit.sh  # memory must stay flat as N grows
#
# The mix, one NDJSON line each, cycled: Hopae userinfo (plain, and signed evidence with an RS256
# ID token), the Trinsic sessions API, Trinsic Connect sessions (JSON-LD canonicalisation, issuer
# key unknown), Trinsic-shaped BBS+ sessions (1 in 200: full proof verification), Incode, JWT
# credentials and presentations (EdDSA, ES256, RS256, HS256), hostile inputs and malformed lines.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-100000}
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$N" "$work/items.ndjson" <<'PY'
import json, sys
n, out = int(sys.argv[1]), sys.argv[2]
def doc(path):   # pretty-printed JSON has newlines only between tokens
    return open("test-vectors/" + path).read().replace("\n", " ").replace("\r", " ")
def jwt(path):
    return json.dumps(open("test-vectors/" + path).read().strip())
common = [doc("hopae/userinfo-valid.json"), doc("hopae-signed/userinfo-valid.json"),
          doc("trinsic-sessions/result-success.json"), doc("incode/finish-approved.json"),
          doc("incode/scores-fail.json"), doc("hopae/userinfo-acr-mismatch.json"),
          jwt("jwt-signed/eddsa-valid.jwt"), jwt("jwt-signed/es256-valid.jwt"),
          jwt("jwt-signed/rs256-valid.jwt"), jwt("jwt-signed/vp11-valid.jwt"),
          jwt("jwt-signed/eddsa-tampered-payload.jwt"), jwt("jwt-signed/expired.jwt"),
          '{"id": 1', "not json", doc("incode/scores-ok.json")]
connect = doc("trinsic-connect/session-success.json")
bbs = doc("trinsic-bbs/session-valid.json")
with open(out, "w") as f:
    for i in range(n):
        if i % 200 == 199:
            line = bbs
        elif i % 10 == 9:
            line = connect
        else:
            line = common[i % len(common)]
        f.write(line + "\n")
PY
echo "items: $N, $(du -h "$work/items.ndjson" | cut -f1) of NDJSON"

for jobs in 1 2; do
    /usr/bin/time -f "%e %M" -o "$work/time-$jobs" \
        target/release/vpcheck audit --now 2026-10-01T10:00:00Z --jobs "$jobs" \
        --hopae-jwks test-vectors/keys/hopae.jwks.json \
        --evidence-jwks https://oidc.smart-id.example=test-vectors/keys/upstream.jwks.json \
        --issuer-jwks did:example:issuer=test-vectors/keys/issuer.jwks.json \
        --holder-jwks did:example:holder=test-vectors/keys/holder.jwks.json \
        --did-doc test-vectors/trinsic-bbs/issuer.did.json \
        --trust-trinsic-issuer did:web:idv.vpcheck.example:zVpcheckTestIssuer --allow-unsigned-formats \
        "$work/items.ndjson" > "$work/out-$jobs.ndjson" || true
    # GNU time writes "Command exited with non-zero status 1" first when items were rejected.
    read -r seconds peak_kib < <(tail -1 "$work/time-$jobs")
    summary=$(tail -1 "$work/out-$jobs.ndjson")
    python3 - "$jobs" "$seconds" "$peak_kib" "$summary" <<'PY'
import json, sys
jobs, seconds, peak, summary = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), json.loads(sys.argv[4])["summary"]
print(f"--jobs {jobs}: {summary['total']} items in {seconds:.2f} s = {summary['total'] / seconds:,.0f} items/s, "
      f"peak RSS {peak / 1024:.1f} MiB; verified {summary['verified']}, rejected {summary['rejected']}, "
      f"unchecked {summary['unchecked']}, malformed {summary['malformed']}")
PY
    echo "$seconds" > "$work/seconds-$jobs"
done
python3 -c "import sys; a, b = (float(open(f).read()) for f in sys.argv[1:]); print(f'speed-up --jobs 2 / --jobs 1: {a / b:.2f}x')" \
    "$work/seconds-1" "$work/seconds-2"
# The per-item lines must not depend on the number of jobs (elapsed times aside).
diff <(sed 's/"elapsed_us":[0-9]*,//' "$work/out-1.ndjson" | head -n "$N") \
     <(sed 's/"elapsed_us":[0-9]*,//' "$work/out-2.ndjson" | head -n "$N") > /dev/null && echo "outputs identical across job counts"
