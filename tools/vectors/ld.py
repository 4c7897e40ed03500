"""JSON-LD: ld/ (edits of the copied Ed25519Signature2020 credential), ld/vc-di-eddsa/ and
ld/vc-di-ecdsa/ (the W3C vc-di-eddsa and vc-di-ecdsa test vectors and edits of them), ld/ecdsa-sd-2023-reference/ (edits of
an ecdsa-sd-2023 credential made once by the JavaScript reference implementation) and bbs2020/ (the BBS+ 2020 reference
fixtures, each case's document written out as a vector)."""

from __future__ import annotations

import copy

from .common import (AUX, GEN, NOW_OTHER, ROOT, aux_text, dump_pretty, expect, read_json,
                     write_json, write_text)


def generic_ld() -> None:
    """ld/: the copied Ed25519Signature2020 credential without its proof, and with an unknown
    proof type."""
    vc = read_json("ld/ed25519signature2020-signed.json")
    v = copy.deepcopy(vc)
    del v["proof"]
    write_json("ld/vc-no-proof.json", v)
    expect("ld/vc-no-proof.json", NOW_OTHER, ["proof.missing"], source=GEN,
           exercises="ed25519signature2020-signed.json without its proof")

    v = copy.deepcopy(vc)
    v["proof"]["type"] = "Ed25519Signature2099"
    write_json("ld/vc-unknown-proof-type.json", v)
    expect("ld/vc-unknown-proof-type.json", NOW_OTHER, ["proof.unsupported_type"], source=GEN,
           exercises="proof type `Ed25519Signature2099` (fail closed)")


def vc_di_eddsa() -> None:
    d = "ld/vc-di-eddsa/"
    src = "verbatim from w3c/vc-di-eddsa (https://github.com/w3c/vc-di-eddsa) TestVectors/"
    issuer_doc = aux_text("dids/vc-example-issuer.json", dump_pretty({
        "id": "https://vc.example/issuers/5678",
        "assertionMethod": ["did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#"
                            "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"]}))
    for rel in ["dids/did_example_489398593.json", "dids/did_example_489398593_test.json",
                "dids/did_example_82612387612873.json", "dids/did_example_82612387612873_test.json",
                "dids/did_example_b34ca6cd37bbf23.json", "dids/did_example_b34ca6cd37bbf23_test.json",
                d + "keyPair.json"]:
        AUX.add(rel)
    for sub in ("eddsa-jcs-2022", "eddsa-rdfc-2022", "Ed25519Signature2020"):
        for p in (ROOT / d / sub).iterdir():
            AUX.add(f"{d}{sub}/{p.name}")
    with_issuer = {"did_docs": [issuer_doc]}
    expect(d + "eddsa-jcs-2022-signed.json", NOW_OTHER, [], source=src + "eddsa-jcs-2022/signedJCS.json",
           exercises="eddsa-jcs-2022 proof verified; the issuer "
           "(not a DID) lists the did:key under assertionMethod in its controller document "
           "(test-vectors/dids/vc-example-issuer.json, ours)", policy=with_issuer)
    expect(d + "eddsa-jcs-2022-signed.json", NOW_OTHER, ["proof.not_checked"], source=src + "eddsa-jcs-2022/signedJCS.json",
           exercises="the same without the issuer's controller document: the proof verifies, but whether "
           "the issuer controls the did:key cannot be checked")
    # The caller issued a challenge (its nonce) or names a domain (its audience): a proof made
    # without them was made for someone else.
    expect(d + "eddsa-jcs-2022-signed.json", NOW_OTHER, ["proof.challenge"], source=GEN,
           exercises="the policy expects challenge c-7f2a; the proof carries none",
           policy=dict(with_issuer, nonce="c-7f2a"))
    expect(d + "eddsa-jcs-2022-signed.json", NOW_OTHER, ["proof.domain"], source=GEN,
           exercises="the policy expects domain https://verifier.example; the proof carries none",
           policy=dict(with_issuer, audience="https://verifier.example"))
    twin(d + "eddsa-jcs-2022-signed.json", d + "eddsa-jcs-2022-purpose-authentication.json",
         lambda t: t["proof"].update(proofPurpose="authentication"), NOW_OTHER, ["proof.purpose"],
         exercises="a credential proof whose proofPurpose is authentication: a credential asserts "
                     "(assertionMethod), so it is refused before any key is looked up", policy=with_issuer)
    twin(d + "eddsa-jcs-2022-signed.json", d + "eddsa-jcs-2022-tampered.json",
         lambda t: t["credentialSubject"].update(alumniOf="The School of Forgeries"), NOW_OTHER, ["proof.invalid"],
         exercises="eddsa-jcs-2022-signed.json with credentialSubject.alumniOf changed", policy=with_issuer)
    for name, upstream in [("eddsa-rdfc-2022-signed.json", "eddsa-rdfc-2022/signedDataInt.json"),
                           ("ed25519signature2020-signed.json", "Ed25519Signature2020/signedEdSig.json")]:
        expect(d + name, NOW_OTHER, [], source=src + upstream,
               exercises="RDFC-1.0 suite verified: offline JSON-LD expansion with shipped contexts, "
                         "canonical N-Quads, Ed25519 over the two SHA-256 hashes", policy=with_issuer)
        twin(d + name, d + name.replace("-signed", "-tampered"),
             lambda t: t["credentialSubject"].update(alumniOf="The School of Forgeries"), NOW_OTHER,
             ["proof.invalid"], exercises=f"{name} with alumniOf changed", policy=with_issuer)
    twin(d + "eddsa-rdfc-2022-signed.json", d + "eddsa-rdfc-2022-unknown-context.json",
         lambda t: t["@context"].append("https://example.org/contexts/not-shipped/v1"), NOW_OTHER,
         ["context.unavailable"], exercises="a context neither shipped nor supplied: could not check, naming the URL; never fetched",
           policy=with_issuer)
    twin(d + "eddsa-rdfc-2022-signed.json", d + "eddsa-rdfc-2022-undefined-term.json",
         lambda t: t["credentialSubject"].update(undefinedTerm="not in any context"), NOW_OTHER, ["proof.invalid"],
         exercises="a member added after signing; the examples/v2 context's @vocab defines every term, "
                     "so it expands and changes the signed statements (strict expansion of an undefined "
                     "term is a unit test in src/ld.rs)", policy=with_issuer)


# The four ecdsa-*-2019 folders copied from w3c/vc-di-ecdsa: folder, signed file, curve.
ECDSA_CASES = [("ecdsa-rdfc-2019-p256", "signedECDSAP256.json", "P-256"),
               ("ecdsa-rdfc-2019-p384", "signedECDSAP384.json", "P-384"),
               ("ecdsa-jcs-2019-p256", "signedJCSECDSAP256.json", "P-256"),
               ("ecdsa-jcs-2019-p384", "signedJCSECDSAP384.json", "P-384")]


def twin(of: str, out: str, edit, now: str, codes: list[str], *, exercises: str, policy: dict) -> None:
    """Writes `out`, the JSON vector `of` changed by `edit` (which changes its argument in place),
    and its expected.json entry: generated, judged at `now` under `policy`."""
    t = read_json(of)
    edit(t)
    write_json(out, t)
    expect(out, now, codes, source=GEN, exercises=exercises, policy=policy)


def ecdsa() -> None:
    """ld/vc-di-ecdsa/: the W3C ecdsa-rdfc-2019 and ecdsa-jcs-2019 credentials (P-256, P-384),
    each verified with the issuer's controller document and with a tampered twin, a P-256 proof
    re-labelled with the P-384 key, a signature a byte short, and a proof re-labelled as the known
    but unchecked ecdsa-sd-2023."""
    d = "ld/vc-di-ecdsa/"
    src = ("verbatim from w3c/vc-di-ecdsa (https://github.com/w3c/vc-di-ecdsa, commit "
           "00781de52c036723bbd88d89b07818a2914a6b9e) TestVectors/")
    keys = {curve: read_json(d + name)["publicKeyMultibase"]
            for curve, name in (("P-256", "p256KeyPair.json"), ("P-384", "p384KeyPair.json"))}
    # The issuer of the four credentials (the same as the vc-di-eddsa ones') lists both did:keys.
    issuer_doc = aux_text("dids/vc-example-issuer-ecdsa.json", dump_pretty({
        "id": "https://vc.example/issuers/5678",
        "assertionMethod": [f"did:key:{k}#{k}" for k in keys.values()]}))
    AUX.add(d + "p256KeyPair.json")
    AUX.add(d + "p384KeyPair.json")
    for folder, signed, _ in ECDSA_CASES:
        for p in (ROOT / d / folder).iterdir():
            if p.name != signed:
                AUX.add(f"{d}{folder}/{p.name}")
    with_issuer = {"did_docs": [issuer_doc]}
    for folder, signed, curve in ECDSA_CASES:
        suite = folder.rsplit("-", 1)[0]
        hash_name = "SHA-256" if curve == "P-256" else "SHA-384"
        expect(f"{d}{folder}/{signed}", NOW_OTHER, [], source=f"{src}{folder}/{signed}",
               exercises=f"{suite} proof verified with a {curve} did:key: {hash_name} of the canonical "
                         "proof configuration and document, ECDSA over the two; the issuer lists the "
                         "did:key in its controller document (test-vectors/dids/vc-example-issuer-ecdsa.json, "
                         "ours)", policy=with_issuer)
        twin(f"{d}{folder}/{signed}", f"{d}{folder}-tampered.json",
             lambda t: t["credentialSubject"].update(alumniOf="The School of Forgeries"), NOW_OTHER,
             ["proof.invalid"], exercises=f"{folder}/{signed} with credentialSubject.alumniOf changed",
             policy=with_issuer)
    # A P-256 proof naming the P-384 key instead: a 64-byte signature for a P-384 key.
    twin(d + "ecdsa-rdfc-2019-p256/signedECDSAP256.json", d + "ecdsa-rdfc-2019-p256-as-p384.json",
         lambda t: t["proof"].update(verificationMethod=f"did:key:{keys['P-384']}#{keys['P-384']}"),
         NOW_OTHER, ["proof.invalid"], exercises="the P-256 ecdsa-rdfc-2019 credential with its verificationMethod changed to the "
                     "P-384 did:key (which the issuer lists): a 64-byte signature is not a P-384 one",
           policy=with_issuer)
    # The P-384 JCS signature a byte short (95 bytes, neither curve's length).
    twin(d + "ecdsa-jcs-2019-p384/signedJCSECDSAP384.json", d + "ecdsa-jcs-2019-p384-short-signature.json",
         lambda t: t["proof"].update(proofValue="z" + b58encode(b58decode(t["proof"]["proofValue"][1:])[:-1])),
         NOW_OTHER, ["proof.invalid"], exercises="the P-384 ecdsa-jcs-2019 credential with the last byte of its signature removed: "
                     "r || s of P-384 is 96 bytes", policy=with_issuer)
    # Relabelled ecdsa-sd-2023, the base58btc signature is no proof value of that suite (CBOR
    # behind a multibase `u`, vc-di-ecdsa section 3.5.2): malformed, naming the proof value.
    twin(d + "ecdsa-rdfc-2019-p256/signedECDSAP256.json", d + "ecdsa-sd-2023-relabelled.json",
         lambda t: t["proof"].update(cryptosuite="ecdsa-sd-2023"), NOW_OTHER, ["field.invalid"],
         exercises="the P-256 ecdsa-rdfc-2019 credential re-labelled ecdsa-sd-2023: its base58btc "
                     "signature is no ecdsa-sd-2023 proof value (field.invalid naming proof.proofValue)",
           policy=with_issuer)


B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58decode(text: str) -> bytes:
    n = 0
    for c in text:
        n = n * 58 + B58.index(c)
    body = n.to_bytes((n.bit_length() + 7) // 8, "big") if n else b""
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def b58encode(data: bytes) -> str:
    n = int.from_bytes(data, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + out


BBS_DIDS = [f"dids/did_example_{n}{s}.json" for n in ("489398593", "82612387612873", "b34ca6cd37bbf23")
            for s in ("", "_test")]
BBS_CONTEXTS = {"https://schema.org": "contexts/schemaOrg.json", "https://schema.org/": "contexts/schemaOrg.json",
                "http://schema.org/": "contexts/schemaOrg.json", "https://www.w3.org/ns/odrl.jsonld": "contexts/odrl.json"}


def selective_disclosure() -> None:
    """ld/vc-di-ecdsa/ecdsa-sd-2023/ and ld/vc-di-bbs-2023/: the W3C ecdsa-sd-2023 and bbs-2023
    test vectors and intermediates, copied verbatim, which the unit tests of src/ld/ecdsa_sd.rs,
    src/ld/bbs2023/inputs.rs and src/ld/sd.rs read byte for byte (their CBOR-level tampered twins
    are edits in those tests). The signed documents are vectors here, each with twins edited in
    the JSON."""
    for d in ("ld/vc-di-ecdsa/ecdsa-sd-2023", "ld/vc-di-bbs-2023"):
        for p in sorted((ROOT / d).rglob("*")):
            if p.is_file() and p.suffix != ".md":
                AUX.add(p.relative_to(ROOT).as_posix())

    # bbs-2023 (W3C vc-di-bbs test vectors, the windsurf credential): the issuer is a URL whose
    # controller document (ours) lists the proof's did:key; the embedded `@vocab` context is
    # trusted by the policy, as a caller who accepts this issuer's vocabulary would.
    b = "ld/vc-di-bbs-2023/"
    bsrc = "verbatim from w3c/vc-di-bbs (https://github.com/w3c/vc-di-bbs) TestVectors/"
    derived = read_json(b + "derivedRevealDocument.json")
    vm = derived["proof"]["verificationMethod"]
    issuer = aux_text("dids/vc-example-windsurf-issuer.json", dump_pretty({
        "id": derived["issuer"], "assertionMethod": [vm]}))
    vocab = aux_text(b + "windsurf-vocab-context.json", dump_pretty(derived["@context"][1]))
    # The windsurf credential states no expiry; derived, it could have withheld one, so a policy
    # that accepts that (allow_withheld validUntil) verifies it, and the default could not check.
    base_policy = {"did_docs": [issuer], "trust_contexts": [vocab]}
    policy = dict(base_policy, allow_withheld=["validUntil"])
    now = "2024-06-01T00:00:00Z"
    expect(b + "derivedRevealDocument.json", now, [], source=bsrc + "derivedRevealDocument.json",
           exercises="a bbs-2023 derived proof verified (createVerifyData, then the IETF BBS ProofVerify "
                     "of the disclosed statements under proofHash || mandatoryHash); the claims are the "
                     "revealed statements; the policy accepts a withheld expiry", policy=policy)
    expect(b + "derivedRevealDocument.json", now, ["ld.withheld"], source=bsrc + "derivedRevealDocument.json",
           exercises="the same under the default policy: a selectively disclosed credential that discloses "
                     "no expiry may have withheld it, so its validity could not be checked", policy=base_policy)
    expect(b + "addSignedSDBase.json", now, [], source=bsrc + "addSignedSDBase.json",
           exercises="a bbs-2023 base proof verified as its holder does (the IETF BBS Verify of the "
                     "non-mandatory statements, the shuffled HMAC labels recomputed); every statement is "
                     "signed, so nothing can have been withheld", policy=base_policy)
    expect(b + "derivedRevealDocument.json", now, ["ld.context_untrusted"], source=bsrc + "derivedRevealDocument.json",
           exercises="the same derived proof without trusting its embedded context: refused before any "
                     "proof work", policy={"did_docs": [issuer]})
    for name, edit, what in [
        ("derived-sail-number", lambda d: d["credentialSubject"].update(sailNumber="Mars101"),
         "the mandatory sailNumber changed"),
        ("derived-sail-year", lambda d: d["credentialSubject"]["sails"][0].update(year=2024),
         "a disclosed sail's year changed"),
        ("derived-extra-member", lambda d: d["credentialSubject"].update(owner="Mallory"),
         "a member added that no signature covers"),
        ("derived-sail-dropped", lambda d: d["credentialSubject"]["sails"].pop(),
         "one of the two disclosed sails dropped"),
        ("derived-sails-swapped", lambda d: d["credentialSubject"].update(
            sails=[dict(s, size=7 if s["size"] == 6.1 else 6.1) for s in d["credentialSubject"]["sails"]]),
         "the sizes of the two disclosed sails swapped"),
    ]:
        twin(b + "derivedRevealDocument.json", b + f"tampered-{name}.json", edit, now, ["proof.invalid"],
             exercises=f"derivedRevealDocument.json with {what}", policy=policy)
    twin(b + "addSignedSDBase.json", b + "tampered-base-sail-size.json",
         lambda t: t["credentialSubject"]["sails"][0].update(size=9.9), now, ["proof.invalid"],
         exercises="addSignedSDBase.json with a (non-mandatory) sail's size changed", policy=policy)
    # The holder-binding and pseudonym variants: a published feature this build does not
    # verify, so "could not check" naming it; their issuer (an Ed25519 did:key) is not the
    # signer, which the issuer binding reports beside it.
    for folder, feature in [("HolderBinding", "anonymous holder binding"), ("Pseudonym", "pseudonyms"),
                            ("PseudonymHB", "pseudonyms with holder binding")]:
        for doc in ("addSignedSDBase.json", "derivedRevealDocument.json"):
            expect(f"{b}{folder}/{doc}", now, ["proof.not_checked", "binding.issuer"],
                   source=f"{bsrc}{folder}/{doc}",
                   exercises=f"bbs-2023 with {feature}: could not check, naming the feature; the W3C "
                             "vector's issuer is not its signer (binding.issuer)",
                   policy={"trust_contexts": [vocab]})

    # ecdsa-sd-2023 (W3C vc-di-ecdsa): the vectors' issuer is a did:key other than the one that
    # signs, so the proof verifies and the issuer binding fails: vpcheck never returns claims of
    # an issuer that did not sign them.
    e = "ld/vc-di-ecdsa/ecdsa-sd-2023/"
    esrc = "verbatim from w3c/vc-di-ecdsa (https://github.com/w3c/vc-di-ecdsa) TestVectors/ecdsa-sd-2023/"
    citizenship = {"https://w3id.org/citizenship/v4rc1": e + "w3id-citizenship-v4rc1.jsonld"}
    enow = "2025-06-01T00:00:00Z"
    for case in ("prc", "employ"):
        for doc, kind in (("derivedRevealDocument.json", "derived"), ("addSignedSDBase.json", "base")):
            expect(f"{e}{case}/{doc}", enow, ["binding.issuer"], source=f"{esrc}{case}/{doc}",
                   exercises=f"the ecdsa-sd-2023 {kind} proof verifies (the issuer's base signature and "
                             "each statement's signature by the ephemeral key), but the W3C vector's "
                             "issuer is another did:key than its signer: binding.issuer",
                   policy={"contexts": citizenship})
    twin(e + "employ/addSignedSDBase.json", e + "tampered-employ-base.json",
         lambda t: t["credentialSubject"].update(familyName="SMYTHE"), enow, ["proof.invalid", "binding.issuer"],
         exercises="the employ base proof's document with its subject's familyName changed after signing",
         policy={"contexts": citizenship})
    twin(e + "prc/derivedRevealDocument.json", e + "tampered-prc-birth-country.json",
         lambda t: t["credentialSubject"].update(birthCountry="Utopia"), enow, ["proof.invalid", "binding.issuer"],
         exercises="the prc derived document with its disclosed birthCountry changed",
           policy={"contexts": citizenship})


def bbs2020_vectors() -> None:
    """The reference implementation's fixtures (mattrglobal/jsonld-signatures-bbs): each case file
    wraps a document; the document is written out as the vector."""
    d = "bbs2020/"
    src = ("verbatim from the fixtures of mattrglobal/jsonld-signatures-bbs "
           "(https://github.com/mattrglobal/jsonld-signatures-bbs), case ")
    policy = {"did_docs": BBS_DIDS, "contexts": BBS_CONTEXTS}
    AUX.update({"contexts/schemaOrg.json", "contexts/odrl.json", d + "keyPair.json"})
    for kind, member in (("proofs", "signedDocument"), ("derivedProofs", "derivedProof")):
        for p in sorted((ROOT / d / kind).glob("[0-9].json")):
            case = read_json(f"{d}{kind}/{p.name}")
            AUX.add(f"{d}{kind}/{p.name}")
            out = f"{d}{kind}/{p.stem}-{'signed' if kind == 'proofs' else 'derived'}.document.json"
            write_json(out, case[member])
            valid = case["result"]["valid"]
            codes = [] if valid else ["proof.invalid"]
            what = "valid" if valid else case["result"].get("reason", "invalid")
            # A selectively disclosed proof that discloses no statement vouches for nothing:
            # vpcheck cannot tell what it is about (could not check).
            doc = case[member]
            if valid and kind == "derivedProofs" and not set(doc) - {"@context", "proof"}:
                codes = ["ld.withheld"]
                what = "a valid proof that discloses no statement: could not check"
            expect(out, NOW_OTHER, codes,
                   source=src + f"{kind}/{p.name} ({member})",
                   exercises=f"{case['caseName']}: {what}",
                   policy=policy)
    for p in sorted((ROOT / d / "documents").glob("*.json")):
        AUX.add(f"{d}documents/{p.name}")


def ecdsa_sd_reference() -> None:
    """ld/ecdsa-sd-2023-reference/: an ecdsa-sd-2023 credential whose issuer is its signer,
    issued and derived by Digital Bazaar's JavaScript libraries (the implementation behind the W3C
    vc-di-ecdsa test suite) with tools/js/ecdsa-sd-2023/make.mjs: base.json and derived.json are
    committed once (ECDSA signing is randomised, and CI has no node step), read here, never
    written. The twins are JSON edits of them; the embedded schema.org term context is written out
    for the policies that trust it."""
    r = "ld/ecdsa-sd-2023-reference/"
    src = ("made once by tools/js/ecdsa-sd-2023/make.mjs with @digitalbazaar/ecdsa-sd-2023-cryptosuite "
           "3.4.1 (see ld/ecdsa-sd-2023-reference/README.md): ")
    derived = read_json(r + "derived.json")
    issuer = derived["issuer"]
    # The W3C vectors' base key signs it; the vectors' other P-256 did:keys stand in for an
    # attacker's: the W3C vectors' issuer (not their signer) and their ephemeral proof key.
    other_issuer = "did:key:zDnaeTHxNEBZoKaEo6PdA83fq98ebiFvo3X273Ydu4YmV96rg"
    other_key = "zDnaeTHfhmSaQKBc7CmdL3K7oYg3D6SC7yowe2eBeVd2DH32r"
    assert issuer == "did:key:zDnaepBuvsQ8cpsWrVKw8fbpGpvPeNSjVPTWoq6cRqaYzBKVP", issuer
    terms = aux_text(r + "schema-org-terms-context.json", dump_pretty(derived["@context"][1]))
    # Trust this issuer (whatever a twin's issuer says) and the embedded term context.
    policy = {"trust_issuers": [issuer], "trust_contexts": [terms]}
    # Inside validFrom 2026-01-01 .. validUntil 2028-01-01, after the proof's created (validFrom).
    now = "2026-12-01T00:00:00Z"
    expect(r + "derived.json", now, [], source=src + "derived.json", policy=policy,
           exercises="an ecdsa-sd-2023 derived proof made by the reference implementation, issuer = "
                     "signer (did:key), mandatory /issuer, /validFrom, /validUntil; name, birthDate and "
                     "two of the nested address's members revealed: verified")
    expect(r + "base.json", now, [], source=src + "base.json", policy=policy,
           exercises="the reference implementation's ecdsa-sd-2023 base proof, verified as its holder "
                     "does: verified")
    # One entry per (file, policy): the instant after validUntil is judged on a byte-identical copy.
    write_text(r + "derived-after-valid-until.json", (ROOT / r / "derived.json").read_text(encoding="utf-8"))
    expect(r + "derived-after-valid-until.json", "2028-06-01T00:00:00Z", ["time.expired"], source=GEN,
           policy=policy, exercises="derived.json, copied unchanged, judged five months after its signed "
                                    "validUntil (2028-01-01)")
    expect(r + "derived.json", now, ["ld.context_untrusted"], source=src + "derived.json",
           policy={"trust_issuers": [issuer]},
           exercises="the derived credential without trusting its embedded term context: refused "
                     "before any proof work")

    def set_vm(d: dict) -> None:
        d["proof"]["verificationMethod"] = f"did:key:{other_key}#{other_key}"

    for name, edit, codes, what in [
        ("derived-birth-date", lambda d: d["credentialSubject"].update(birthDate="1974-08-12"),
         ["proof.invalid"], "a revealed subject value (birthDate) changed"),
        ("derived-address-locality", lambda d: d["credentialSubject"]["address"].update(addressLocality="Bonn"),
         ["proof.invalid"], "a revealed value of the nested address changed"),
        ("derived-withheld-member-added", lambda d: d["credentialSubject"].update(familyName="Mustermann"),
         ["proof.invalid"], "a withheld subject member (familyName, its issued value) added back: no "
                            "signature in the derived proof covers it"),
        ("derived-valid-until", lambda d: d.update(validUntil="2099-01-01T00:00:00Z"),
         ["proof.invalid"], "the mandatory validUntil changed"),
        ("derived-valid-until-removed", lambda d: d.pop("validUntil"),
         ["proof.invalid"], "the mandatory validUntil removed"),
        ("derived-issuer", lambda d: d.update(issuer=other_issuer),
         ["proof.invalid", "binding.issuer"], "the mandatory issuer changed to another did:key"),
        ("derived-verification-method", set_vm,
         ["proof.invalid", "binding.issuer"], "the proof's verificationMethod changed to another P-256 did:key"),
    ]:
        twin(r + "derived.json", r + f"tampered-{name}.json", edit, now, codes,
             exercises=f"derived.json with {what}", policy=policy)
    twin(r + "base.json", r + "tampered-base-birth-date.json",
         lambda t: t["credentialSubject"].update(birthDate="1974-08-12"), now, ["proof.invalid"],
         policy=policy, exercises="base.json with a (non-mandatory) subject value, birthDate, changed")
