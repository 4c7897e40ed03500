//! Evidence `names` against `token` keys: the input is the names list, a NUL, then the keys
//! separated by newlines.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (names, keys) = text.split_once('\0').unwrap_or((text, ""));
    let keys = keys.split('\n').filter(|k| !k.is_empty());
    let result = vpcheck::check_names("names", "token", names, keys, 64);
    // Every entry split out is a slice of the list itself.
    let range = names.as_bytes().as_ptr_range();
    for entry in vpcheck::split_names(names) {
        assert!(entry.is_empty() || range.contains(&entry.as_ptr()));
    }
    let _ = result;
});
