#!/usr/bin/env bash
# vpcheck against MATTR's reference implementation on the same Trinsic-shaped derived proof, in
# one run: MATTR, vpcheck (criterion), MATTR again, so that a change of machine load between the
# two shows as two different MATTR medians. Prints the medians and the ratio (BENCHMARKS.md).
#
#   bash benches/peers/bbs-vs-mattr.sh        # RUNS=50 MATTR verifications per pass
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
runs=${RUNS:-50}

(cd "$here" && { [ -d node_modules ] || npm ci --silent; })
# Build first, so that compiling does not overlap either measurement.
(cd "$root" && cargo bench --bench bbs --no-run --quiet 2>/dev/null)

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
mattr_before=$(cd "$here" && node mattr-bbs.mjs "$runs")
(cd "$root" && cargo bench --quiet --bench bbs -- --noplot "bbs_trinsic_credential/vpcheck" >/dev/null 2>&1)
mattr_after=$(cd "$here" && node mattr-bbs.mjs "$runs")
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$mattr_before" "$mattr_after" "$target/criterion/bbs_trinsic_credential_vpcheck/new/estimates.json" <<'EOF'
import json, sys
before, after = (json.loads(a)["median_ms"] for a in sys.argv[1:3])
vpcheck = json.load(open(sys.argv[3]))["median"]["point_estimate"] / 1e6
print(f"MATTR @mattrglobal/jsonld-signatures-bbs 1.2.0: {before:.2f} ms before, {after:.2f} ms after (median)")
print(f"vpcheck end to end: {vpcheck:.3f} ms (criterion median)")
print(f"ratio: {min(before, after) / vpcheck:.1f}x to {max(before, after) / vpcheck:.1f}x")
EOF
