// MATTR's reference implementation (@mattrglobal/jsonld-signatures-bbs 1.2.0, on the `bbs`
// 0.4 Rust crate through WebAssembly) verifying the same Trinsic-shaped derived proof that
// `cargo bench --bench bbs` times: the credential of
// test-vectors/trinsic-bbs/session-valid-selective.json, with vpcheck's shipped contexts served
// offline. Prints the median of warm runs.
//
//   cd benches/peers && npm ci && node mattr-bbs.mjs [RUNS]
import { readFileSync } from "node:fs";
import { BbsBlsSignatureProof2020 } from "@mattrglobal/jsonld-signatures-bbs";
import jsigs from "jsonld-signatures";

const root = new URL("../../", import.meta.url);
const read = (path) => JSON.parse(readFileSync(new URL(path, root), "utf8"));

// The contexts vpcheck ships (src/ld/canon.rs, SHIPPED_CONTEXTS), by URL.
const contexts = {
  "https://www.w3.org/2018/credentials/v1": "contexts/w3c-2018-credentials-v1.jsonld",
  "https://www.w3.org/2018/credentials/examples/v1": "contexts/w3c-2018-credentials-examples-v1.jsonld",
  "https://www.w3.org/ns/credentials/v2": "contexts/w3c-ns-credentials-v2.jsonld",
  "https://www.w3.org/ns/credentials/examples/v2": "contexts/w3c-ns-credentials-examples-v2.jsonld",
  "https://w3id.org/security/v1": "contexts/w3id-security-v1.jsonld",
  "https://w3id.org/security/v2": "contexts/w3id-security-v2.jsonld",
  "https://w3id.org/security/v3-unstable": "contexts/w3id-security-v3-unstable.jsonld",
  "https://www.w3id.org/security/v3-unstable": "contexts/w3id-security-v3-unstable.jsonld",
  "https://w3id.org/security/bbs/v1": "contexts/w3id-security-bbs-v1.jsonld",
  "https://w3id.org/bbs/v1": "contexts/w3id-security-bbs-v1.jsonld",
  "https://w3id.org/security/suites/ed25519-2020/v1": "contexts/w3id-ed25519-signature-2020-v1.jsonld",
  "https://w3id.org/security/suites/jws-2020/v1": "contexts/w3id-jws-2020-v1.jsonld",
  "https://w3id.org/security/data-integrity/v1": "contexts/w3id-data-integrity-v1.jsonld",
  "https://w3id.org/security/data-integrity/v2": "contexts/w3id-data-integrity-v2.jsonld",
  "https://w3id.org/security/multikey/v1": "contexts/w3id-multikey-v1.jsonld",
  "https://w3id.org/citizenship/v1": "contexts/w3id-citizenship-v1.jsonld",
  "https://w3id.org/vc-revocation-list-2020/v1": "contexts/w3id-vc-revocation-list-2020-v1.jsonld",
  "https://w3id.org/vc/status-list/2021/v1": "contexts/w3id-vc-status-list-2021-v1.jsonld",
};

const session = read("test-vectors/trinsic-bbs/session-valid-selective.json");
const credential = JSON.parse(session.resultVp).verifiableCredential[0];
const did = read("test-vectors/trinsic-bbs/issuer.did.json");
const method = did.verificationMethod[0];
// The issuer's DID document under contexts the loader has (its own context,
// https://w3id.org/security/suites/bls12381-2020/v1, is not among them; the terms are the same).
const controller = {
  "@context": ["https://w3id.org/security/v2", "https://w3id.org/security/bbs/v1"],
  id: did.id,
  verificationMethod: [method],
  assertionMethod: [method.id],
};
const key = { "@context": ["https://w3id.org/security/v2", "https://w3id.org/security/bbs/v1"], ...method };

// Read once, served from memory: the timed runs measure verification, not file reads.
const loaded = Object.fromEntries(Object.entries(contexts).map(([url, path]) => [url, read(path)]));
const documentLoader = async (url) => {
  if (loaded[url]) {
    return { contextUrl: null, documentUrl: url, document: structuredClone(loaded[url]) };
  }
  if (url === did.id) {
    return { contextUrl: null, documentUrl: url, document: controller };
  }
  if (url === method.id) {
    return { contextUrl: null, documentUrl: url, document: key };
  }
  throw new Error(`no document for ${url} (offline)`);
};

const verifyOnce = () =>
  jsigs.verify(credential, {
    suite: new BbsBlsSignatureProof2020(),
    purpose: new jsigs.purposes.AssertionProofPurpose(),
    documentLoader,
  });

const runs = Number(process.argv[2] ?? 30);
const first = await verifyOnce();
if (!first.verified) {
  console.error(JSON.stringify(first, null, 2));
  process.exit(1);
}
// Tampered: the same proof over a changed claim must fail.
const tampered = structuredClone(credential);
tampered.credentialSubject.familyName = "SMYTHE";
const bad = await jsigs.verify(tampered, { suite: new BbsBlsSignatureProof2020(), purpose: new jsigs.purposes.AssertionProofPurpose(), documentLoader });
if (bad.verified) {
  console.error("the tampered credential verified");
  process.exit(1);
}
for (let i = 0; i < 5; i++) await verifyOnce(); // warm-up
const times = [];
for (let i = 0; i < runs; i++) {
  const t = process.hrtime.bigint();
  const r = await verifyOnce();
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
  if (!r.verified) process.exit(1);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(JSON.stringify({ library: "@mattrglobal/jsonld-signatures-bbs 1.2.0", runs, median_ms: Number(median.toFixed(2)), min_ms: Number(times[0].toFixed(2)) }));
