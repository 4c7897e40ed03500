//! Selective-disclosure proof values (ecdsa-sd-2023, bbs-2023) taken apart and put back, for
//! the reviews' edits of their CBOR. Apart from `support` because the CLI's tests share that
//! module and do not depend on ciborium.

#![allow(dead_code, clippy::unwrap_used, clippy::indexing_slicing)]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde_json::Value;

/// A selective-disclosure proof value (`u` + base64url of a 3-byte header and a CBOR array, W3C
/// vc-di-ecdsa section 3.5 and vc-di-bbs section 3.3): its header and items.
pub fn decode_proof_value(pv: &str) -> ([u8; 3], Vec<ciborium::Value>) {
    let bytes = URL_SAFE_NO_PAD.decode(&pv[1..]).unwrap();
    let header = [bytes[0], bytes[1], bytes[2]];
    let ciborium::Value::Array(items) = ciborium::de::from_reader(&bytes[3..]).unwrap() else {
        panic!("not a CBOR array")
    };
    (header, items)
}

/// The proof value of `header` and `items`, as [`decode_proof_value`] reads it.
pub fn encode_proof_value(header: [u8; 3], items: Vec<ciborium::Value>) -> String {
    let mut bytes = header.to_vec();
    ciborium::ser::into_writer(&ciborium::Value::Array(items), &mut bytes).unwrap();
    format!("u{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// `doc` with its proof value's header and items edited by `f`.
pub fn edit_proof_value(
    doc: &Value,
    f: impl FnOnce(&mut [u8; 3], &mut Vec<ciborium::Value>),
) -> Value {
    let mut d = doc.clone();
    let (mut h, mut items) = decode_proof_value(d["proof"]["proofValue"].as_str().unwrap());
    f(&mut h, &mut items);
    d["proof"]["proofValue"] = Value::String(encode_proof_value(h, items));
    d
}
