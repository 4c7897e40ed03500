// Issues, derives and verifies vpcheck's ecdsa-sd-2023 reference vectors with Digital Bazaar's
// libraries (the implementation behind the W3C vc-di-ecdsa test suite), fully offline.
//
//   cd tools/js/ecdsa-sd-2023 && npm ci && node make.mjs
//
// `node make.mjs --check` writes nothing: it verifies the committed vectors of that folder (and
// the tampered twins tools/generate_vectors.py wrote from them) instead; `--no-write` issues,
// derives and verifies without writing.
//
// Writes test-vectors/ld/ecdsa-sd-2023-reference/{base,derived}.json and prints each step's
// verification result. ECDSA signatures, the ephemeral proof key and the HMAC key are random, so
// every run writes different bytes: the committed files are one run's output, and CI does not run
// this script. It also verifies the W3C ecdsa-sd-2023 documents of
// test-vectors/ld/vc-di-ecdsa/ecdsa-sd-2023/ as a peer cross-check (printed only).

import {readFileSync, readdirSync, writeFileSync, mkdirSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

import * as credentialsContext from '@digitalbazaar/credentials-context';
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';
import * as didMethodKey from '@digitalbazaar/did-method-key';
import * as EcdsaMultikey from '@digitalbazaar/ecdsa-multikey';
import * as ecdsaSd2023Cryptosuite from '@digitalbazaar/ecdsa-sd-2023-cryptosuite';
import {DataIntegrityProof} from '@digitalbazaar/data-integrity';
import jsigs from 'jsonld-signatures';

const {createSignCryptosuite, createDiscloseCryptosuite, createVerifyCryptosuite} =
  ecdsaSd2023Cryptosuite;
const {purposes: {AssertionProofPurpose}} = jsigs;

const HERE = dirname(fileURLToPath(import.meta.url));
const VECTORS = join(HERE, '..', '..', '..', 'test-vectors');
const OUT = join(VECTORS, 'ld', 'ecdsa-sd-2023-reference');
const W3C = join(VECTORS, 'ld', 'vc-di-ecdsa', 'ecdsa-sd-2023');

const readJson = p => JSON.parse(readFileSync(p, 'utf8'));

// --- offline document loader -------------------------------------------------------------
// Contexts from the npm context packages (and the W3C citizenship context vpcheck's vectors
// carry, for the cross-check); did:key documents built locally by the did:key driver. Any other
// URL is an error: nothing is fetched.
const CONTEXTS = new Map();
CONTEXTS.set('https://www.w3.org/ns/credentials/v2',
  credentialsContext.contexts.get('https://www.w3.org/ns/credentials/v2'));
for(const [url, ctx] of dataIntegrityContext.contexts) {
  CONTEXTS.set(url, ctx);
}
for(const [url, ctx] of multikeyContext.contexts) {
  CONTEXTS.set(url, ctx);
}
CONTEXTS.set('https://w3id.org/citizenship/v4rc1',
  readJson(join(W3C, 'w3id-citizenship-v4rc1.jsonld')));

const didKeyDriver = didMethodKey.driver();
didKeyDriver.use({
  multibaseMultikeyHeader: 'zDna',
  fromMultibase: EcdsaMultikey.from
});

async function documentLoader(url) {
  if(CONTEXTS.has(url)) {
    return {contextUrl: null, documentUrl: url, document: CONTEXTS.get(url)};
  }
  if(url.startsWith('did:key:')) {
    const document = await didKeyDriver.get({url});
    return {contextUrl: null, documentUrl: url, document};
  }
  throw new Error(`offline document loader: no document for ${url}`);
}

// --- fixed key material ------------------------------------------------------------------
// The base key pair of the W3C vc-di-ecdsa ecdsa-sd-2023 test vectors (SDKeyMaterial.json).
const {baseKeyPair} = readJson(join(W3C, 'SDKeyMaterial.json'));
const issuer = `did:key:${baseKeyPair.publicKeyMultibase}`;
const keyPair = await EcdsaMultikey.from({
  '@context': 'https://w3id.org/security/multikey/v1',
  type: 'Multikey',
  id: `${issuer}#${baseKeyPair.publicKeyMultibase}`,
  controller: issuer,
  publicKeyMultibase: baseKeyPair.publicKeyMultibase,
  secretKeyMultibase: baseKeyPair.secretKeyMultibase
});

// --- the credential ----------------------------------------------------------------------
// The VC 2.0 context has no @vocab, so the subject's terms are defined by an embedded context
// mapping each to its schema.org IRI (no @vocab: an undefined term stays an error). vpcheck
// refuses embedded contexts unless its policy trusts them; the vectors' policies trust this one
// (test-vectors/ld/ecdsa-sd-2023-reference/schema-org-terms-context.json, written from it).
const SCHEMA_ORG_TERMS = {
  Person: 'https://schema.org/Person',
  PostalAddress: 'https://schema.org/PostalAddress',
  givenName: 'https://schema.org/givenName',
  familyName: 'https://schema.org/familyName',
  birthDate: 'https://schema.org/birthDate',
  nationality: 'https://schema.org/nationality',
  address: 'https://schema.org/address',
  streetAddress: 'https://schema.org/streetAddress',
  postalCode: 'https://schema.org/postalCode',
  addressLocality: 'https://schema.org/addressLocality',
  addressCountry: 'https://schema.org/addressCountry'
};
const CREATED = '2026-01-01T00:00:00Z';
const unsigned = {
  '@context': ['https://www.w3.org/ns/credentials/v2', SCHEMA_ORG_TERMS],
  id: 'urn:uuid:5b1e3c0e-8d0a-4c8e-9d4e-2f8a7c6b1a01',
  type: ['VerifiableCredential'],
  issuer,
  validFrom: '2026-01-01T00:00:00Z',
  validUntil: '2028-01-01T00:00:00Z',
  credentialSubject: {
    id: 'did:example:holder-7f3a',
    type: 'Person',
    name: 'Erika Mustermann',
    givenName: 'Erika',
    familyName: 'Mustermann',
    birthDate: '1984-08-12',
    nationality: 'DE',
    address: {
      type: 'PostalAddress',
      streetAddress: 'Heidestrasse 17',
      postalCode: '51147',
      addressLocality: 'Koeln',
      addressCountry: 'DE'
    }
  }
};
const MANDATORY = ['/issuer', '/validFrom', '/validUntil'];
const SELECTIVE = [
  '/credentialSubject/name',
  '/credentialSubject/birthDate',
  '/credentialSubject/address/addressLocality',
  '/credentialSubject/address/addressCountry'
];

async function verify(doc) {
  const result = await jsigs.verify(doc, {
    suite: new DataIntegrityProof({cryptosuite: createVerifyCryptosuite()}),
    purpose: new AssertionProofPurpose(),
    documentLoader
  });
  const errors = [];
  const collect = e => {
    if(!e) {
      return;
    }
    if(Array.isArray(e)) {
      e.forEach(collect);
      return;
    }
    if(e.errors) {
      collect(e.errors);
    }
    errors.push(`${e.name}: ${e.message}`);
  };
  collect(result.error);
  return {verified: result.verified, errors};
}

// The verify cryptosuite checks derived proofs only (a base proof is refused: "The proof does
// not include a valid proofValue"). A holder checks a base proof by deriving from it: here a
// derived proof that reveals every top-level member, then verified as above.
async function verifyAsHolder(doc) {
  const selectivePointers = Object.keys(doc)
    .filter(k => !['@context', 'proof'].includes(k)).map(k => `/${k}`);
  const all = await jsigs.derive(doc, {
    suite: new DataIntegrityProof({
      cryptosuite: createDiscloseCryptosuite({selectivePointers})
    }),
    purpose: new AssertionProofPurpose(),
    documentLoader
  });
  return verify(all);
}

const show = (label, r) => console.log(
  `${label}: verified=${r.verified}` + (r.errors.length ? ` (${r.errors.join('; ')})` : ''));

async function issueAndDerive({write}) {
  const base = await jsigs.sign(structuredClone(unsigned), {
    suite: new DataIntegrityProof({
      signer: keyPair.signer(),
      date: CREATED,
      cryptosuite: createSignCryptosuite({mandatoryPointers: MANDATORY})
    }),
    purpose: new AssertionProofPurpose(),
    documentLoader
  });
  const derived = await jsigs.derive(base, {
    suite: new DataIntegrityProof({
      cryptosuite: createDiscloseCryptosuite({selectivePointers: SELECTIVE})
    }),
    purpose: new AssertionProofPurpose(),
    documentLoader
  });
  const baseHolderResult = await verifyAsHolder(base);
  const derivedResult = await verify(derived);
  show('base.json (jsigs.verify)', await verify(base));
  show('base.json (as its holder: derived revealing everything, then jsigs.verify)',
    baseHolderResult);
  show('derived.json (jsigs.verify)', derivedResult);
  if(!write) {
    console.log('--no-write: nothing written');
  } else if(!derivedResult.verified || !baseHolderResult.verified) {
    console.error('the derived credential or the holder check failed: nothing written');
    process.exitCode = 1;
  } else {
    mkdirSync(OUT, {recursive: true});
    writeFileSync(join(OUT, 'base.json'), JSON.stringify(base, null, 2) + '\n');
    writeFileSync(join(OUT, 'derived.json'), JSON.stringify(derived, null, 2) + '\n');
    console.log(`wrote ${join(OUT, 'base.json')} and derived.json`);
  }
}

// Only verifies what is committed: the reference vectors and the twins tools/generate_vectors.py
// wrote from them (each twin must fail).
async function checkCommitted() {
  for(const f of readdirSync(OUT).filter(f => f.endsWith('.json')).sort()) {
    if(f === 'schema-org-terms-context.json') {
      continue;
    }
    const doc = readJson(join(OUT, f));
    try {
      show(`${f} (jsigs.verify)`, await verify(doc));
      if(f.startsWith('base') || f.startsWith('tampered-base')) {
        show(`${f} (as its holder)`, await verifyAsHolder(doc));
      }
    } catch(e) {
      console.log(`${f}: threw ${e.name}: ${e.message}`);
    }
  }
}

if(process.argv.includes('--check')) {
  await checkCommitted();
} else {
  await issueAndDerive({write: !process.argv.includes('--no-write')});
}

// --- peer cross-check: the W3C vectors -----------------------------------------------------
for(const c of ['prc', 'employ']) {
  for(const f of ['addSignedSDBase.json', 'derivedRevealDocument.json']) {
    try {
      const doc = readJson(join(W3C, c, f));
      show(`W3C ${c}/${f} (jsigs.verify)`, await verify(doc));
      if(f === 'addSignedSDBase.json') {
        show(`W3C ${c}/${f} (as its holder)`, await verifyAsHolder(doc));
      }
    } catch(e) {
      console.log(`W3C ${c}/${f}: threw ${e.name}: ${e.message}`);
    }
  }
}
