//! ISO 3166-1 country codes: vendors send alpha-2 or alpha-3; claims carry alpha-2.

use isocountry::CountryCode;

use crate::error::Error;

/// The alpha-2 code for an alpha-2 or alpha-3 code (any letter case), via the `isocountry` table.
pub(crate) fn to_alpha2(field: &str, code: &str) -> Result<&'static str, Error> {
    let mut upper = [0u8; 3];
    let bytes = code.as_bytes();
    let unknown = || {
        Error::invalid(
            field,
            format!("{code:?} is not an ISO 3166-1 alpha-2 or alpha-3 country code"),
        )
    };
    let buf = upper.get_mut(..bytes.len()).ok_or_else(unknown)?;
    for (dst, src) in buf.iter_mut().zip(bytes) {
        if !src.is_ascii_alphabetic() {
            return Err(unknown());
        }
        *dst = src.to_ascii_uppercase();
    }
    let upper = std::str::from_utf8(buf).map_err(|_| unknown())?;
    let parsed = match upper.len() {
        2 => CountryCode::for_alpha2(upper),
        3 => CountryCode::for_alpha3(upper),
        _ => return Err(unknown()),
    };
    parsed.map(|c| c.alpha2()).map_err(|_| unknown())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_and_rejects() {
        assert_eq!(to_alpha2("c", "USA").unwrap(), "US");
        assert_eq!(to_alpha2("c", "us").unwrap(), "US");
        assert_eq!(to_alpha2("c", "LTU").unwrap(), "LT");
        assert_eq!(to_alpha2("c", "LT").unwrap(), "LT");
        for bad in ["ZZ", "ZZZ", "U", "USAA", "U1", "", "ÜS"] {
            assert_eq!(to_alpha2("c", bad).unwrap_err().code(), "field.invalid", "{bad}");
        }
    }
}
