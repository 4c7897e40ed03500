//! The library's module graph: arrows point down the layers, and no cycle.
//!
//! Every `crate::`, `super::` and `self::` path in `src/` (groups in `use` expanded, comments,
//! strings and `#[cfg(test)]` items left out) is an edge from the file it is written in to the
//! deepest file module it names. Two rules, CONTRIBUTING.md "Layers":
//!
//! 1. A module uses only modules of its own layer or of the layers below ([`LAYERS`]).
//! 2. The graph of files has no cycle, counting every edge, a child's use of its parent's items
//!    included: a folder's `mod.rs` declares (and may re-export) its modules, and what its
//!    children share lives in a sibling file (`verify/ctx.rs`).
//!
//! A path is seen whether it starts at `crate::`, `super::` or `self::`, at one of the file's
//! child modules, at a module the file imported by name (`use crate::verify::{self, jsonld}`,
//! `self as ld`), or at a name the crate root re-exports (`crate::Policy::at`).
//!
//! Test code (`#[cfg(test)]` items) may reach up a layer to build its fixtures; it is not part of
//! the graph.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, bottom first: the first segment of a module path and its rank. The crate root
/// (`lib.rs`: re-exports and the hooks for tests and fuzzing) is above them all.
const LAYERS: &[(&str, usize)] = &[
    ("error", 0),
    ("limits", 0),
    ("time", 0),
    ("budget", 0),
    ("format", 0),
    ("input", 1),
    ("jose", 2),
    ("did", 2),
    ("model", 3),
    ("ld", 4),
    ("claims", 5),
    ("verify", 6),
    ("audit", 7),
];

type Module = Vec<String>;

fn rank(module: &[String]) -> usize {
    match module.first() {
        None => usize::MAX,
        Some(top) => LAYERS
            .iter()
            .find(|(name, _)| name == top)
            .map(|(_, r)| *r)
            .unwrap_or_else(|| panic!("module {top} is in no layer: add it to LAYERS")),
    }
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file under `src/`.
fn module_of(src: &Path, file: &Path) -> Module {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Module =
        rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
        parts.pop();
    }
    parts
}

/// The text without comments, string and character literals (each replaced by a space).
fn strip(text: &str) -> String {
    let b: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let at = |i: usize| b.get(i).copied().unwrap_or('\0');
    while i < b.len() {
        let c = b[i];
        if c == '/' && at(i + 1) == '/' {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if b[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            out.push(' ');
        } else if c == 'r'
            && (at(i + 1) == '"' || (at(i + 1) == '#' && !is_ident(at(i.wrapping_sub(1)))))
        {
            // A raw string r"..." or r#"..."#.
            let mut j = i + 1;
            let mut hashes = 0;
            while at(j) == '#' {
                hashes += 1;
                j += 1;
            }
            if at(j) != '"' {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            loop {
                if j >= b.len() {
                    break;
                }
                if b[j] == '"' && (1..=hashes).all(|k| at(j + k) == '#') {
                    j += 1 + hashes;
                    break;
                }
                j += 1;
            }
            i = j;
            out.push(' ');
        } else if c == '"' {
            i += 1;
            while i < b.len() && b[i] != '"' {
                if b[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push(' ');
        } else if c == '\'' {
            // A character literal, or a lifetime (kept).
            if at(i + 1) == '\\' {
                i += 2;
                while i < b.len() && b[i] != '\'' {
                    i += 1;
                }
                i += 1;
                out.push(' ');
            } else if at(i + 2) == '\'' {
                i += 3;
                out.push(' ');
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Removes `#[cfg(test)]` items (a module, a function, a `use`).
fn without_test_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..pos]);
        let mut tail = &rest[pos + "#[cfg(test)]".len()..];
        // Further attributes on the same item.
        loop {
            let t = tail.trim_start();
            if t.starts_with("#[") {
                let end = t.find(']').unwrap();
                tail = &t[end + 1..];
            } else {
                tail = t;
                break;
            }
        }
        // The item: up to its `;` or through its balanced braces, whichever comes first.
        let semi = tail.find(';');
        let brace = tail.find('{');
        let end = match (semi, brace) {
            (Some(s), Some(b)) if s < b => s + 1,
            (Some(s), None) => s + 1,
            (_, Some(b)) => {
                let mut depth = 0;
                let mut end = tail.len();
                for (k, ch) in tail[b..].char_indices() {
                    match ch {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = b + k + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            }
            (None, None) => tail.len(),
        };
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// Reads an identifier at `i`; returns it and the index after it.
fn ident(b: &[char], mut i: usize) -> Option<(String, usize)> {
    let start = i;
    while i < b.len() && is_ident(b[i]) {
        i += 1;
    }
    (i > start).then(|| (b[start..i].iter().collect(), i))
}

fn skip_ws(b: &[char], mut i: usize) -> usize {
    while i < b.len() && b[i].is_whitespace() {
        i += 1;
    }
    i
}

/// Reads a path tail after a `::`: `a::b::c`, or a group `{a::b, c::{d, e}}`, pushing every
/// full path (prefix included) to `out`.
fn path_tail(b: &[char], i: usize, prefix: &[String], out: &mut Vec<Vec<String>>) -> usize {
    let i = skip_ws(b, i);
    if b.get(i) == Some(&'{') {
        let mut i = i + 1;
        loop {
            i = skip_ws(b, i);
            match b.get(i) {
                Some('}') => return i + 1,
                Some(',') => i += 1,
                None => return i,
                _ => {
                    let next = path_tail(b, i, prefix, out);
                    i = if next == i { i + 1 } else { next };
                }
            }
        }
    }
    let Some((name, mut j)) = ident(b, i) else {
        out.push(prefix.to_vec());
        return i;
    };
    let mut path = prefix.to_vec();
    path.push(name);
    if b.get(j) == Some(&':') && b.get(j + 1) == Some(&':') {
        j = path_tail(b, j + 2, &path, out);
        return j;
    }
    // `a::b as c`: the name the file uses, kept after an `AS` marker.
    let k = skip_ws(b, j);
    if let Some(("as", after)) = ident(b, k).as_ref().map(|(w, a)| (w.as_str(), *a)) {
        if let Some((alias, end)) = ident(b, skip_ws(b, after)) {
            path.push(AS.to_owned());
            path.push(alias);
            out.push(path);
            return end;
        }
    }
    out.push(path);
    j
}

/// Marks the alias of an imported name in a path the scanner returns (`use x::y as z`).
const AS: &str = "@as";

/// A path without its alias, and the name the file knows it by.
fn split_alias(path: &[String]) -> (Vec<String>, Option<String>) {
    match path.iter().position(|s| s == AS) {
        Some(i) => (path[..i].to_vec(), path.get(i + 1).cloned()),
        None => (path.to_vec(), None),
    }
}

/// The modules a file imports by name (`use crate::verify::{self, Ctx}`, `use super::jsonld;`,
/// `use super::jsonld::{self as ld}`): the name to the module.
fn imported_modules(found: &[Vec<String>], modules: &BTreeSet<Module>) -> BTreeMap<String, Module> {
    let mut map = BTreeMap::new();
    for path in found {
        let (mut path, alias) = split_alias(path);
        if path.last().is_some_and(|s| s == "self") {
            path.pop();
        }
        if modules.contains(&path) {
            if let Some(name) = alias.or_else(|| path.last().cloned()) {
                map.insert(name, path);
            }
        }
    }
    map
}

/// Every path a file names, resolved to absolute segments from the crate root.
fn paths(
    text: &str,
    module: &Module,
    modules: &BTreeSet<Module>,
    imported: &BTreeMap<String, Module>,
) -> Vec<Vec<String>> {
    let b: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    // Inline modules (`mod imp { ... }`): `super` and `self` resolve from them.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == '{' {
            depth += 1;
            i += 1;
            continue;
        }
        if c == '}' {
            depth = depth.saturating_sub(1);
            if inline.last().is_some_and(|(_, d)| *d == depth) {
                inline.pop();
            }
            i += 1;
            continue;
        }
        if !is_ident(c) || (i > 0 && (is_ident(b[i - 1]) || b[i - 1] == ':')) {
            i += 1;
            continue;
        }
        let (word, j) = ident(&b, i).unwrap();
        if word == "mod" {
            let k = skip_ws(&b, j);
            if let Some((name, k)) = ident(&b, k) {
                let k = skip_ws(&b, k);
                if b.get(k) == Some(&'{') {
                    inline.push((name, depth));
                }
            }
            i = j;
            continue;
        }
        if matches!(word.as_str(), "crate" | "super" | "self")
            && b.get(j) == Some(&':')
            && b.get(j + 1) == Some(&':')
        {
            let mut here: Vec<String> = module.clone();
            here.extend(inline.iter().map(|(n, _)| n.clone()));
            let mut k = j + 2;
            let base: Vec<String> = match word.as_str() {
                "crate" => Vec::new(),
                "self" => here,
                _ => {
                    let mut up = here;
                    up.pop();
                    // `super::super::...`
                    while let Some((w, after)) = ident(&b, k) {
                        if w == "super" && b.get(after) == Some(&':') {
                            up.pop();
                            k = after + 2;
                        } else {
                            break;
                        }
                    }
                    up
                }
            };
            let mut found = Vec::new();
            let end = path_tail(&b, k, &base, &mut found);
            out.extend(found);
            i = end.max(j);
            continue;
        }
        // A path from one of this file's child modules (`blst::verify_signature` in
        // `ld/bbs2020/mod.rs`), or from a module it imported by name (`jsonld::run` after
        // `use crate::verify::{jsonld, ...}`).
        if b.get(j) == Some(&':') && b.get(j + 1) == Some(&':') && inline.is_empty() {
            let mut child = module.clone();
            child.push(word.clone());
            let child =
                if modules.contains(&child) { Some(child) } else { imported.get(&word).cloned() };
            if let Some(child) = child {
                let mut found = Vec::new();
                let end = path_tail(&b, j + 2, &child, &mut found);
                out.extend(found);
                i = end.max(j);
                continue;
            }
        }
        i = j;
    }
    out
}

/// The deepest file module `path` is in.
fn resolve(path: &[String], modules: &BTreeSet<Module>) -> Option<Module> {
    (0..=path.len()).rev().map(|n| path[..n].to_vec()).find(|p| modules.contains(p))
}

/// `pub use a::b::{C, D}` at the crate root: the name C to the path `a::b::C`.
fn root_reexports(lib: &str, modules: &BTreeSet<Module>) -> BTreeMap<String, Module> {
    let mut map = BTreeMap::new();
    for path in
        paths(&lib.replace("pub use ", "pub use crate::"), &Vec::new(), modules, &BTreeMap::new())
    {
        let (path, _) = split_alias(&path);
        if let (Some(name), Some(module)) = (path.last(), resolve(&path, modules)) {
            if !module.is_empty() {
                map.insert(name.clone(), module);
            }
        }
    }
    map
}

#[test]
fn arrows_point_down_and_there_is_no_cycle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut list = Vec::new();
    files(&src, &mut list);
    list.sort();
    let modules: BTreeSet<Module> = list.iter().map(|f| module_of(&src, f)).collect();
    let lib = strip(&std::fs::read_to_string(src.join("lib.rs")).unwrap());
    let reexports = root_reexports(&without_test_items(&lib), &modules);

    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    let mut violations = Vec::new();
    for file in &list {
        let from = module_of(&src, file);
        let text = without_test_items(&strip(&std::fs::read_to_string(file).unwrap()));
        let imported = imported_modules(&paths(&text, &from, &modules, &BTreeMap::new()), &modules);
        for path in paths(&text, &from, &modules, &imported) {
            let (path, _) = split_alias(&path);
            let to = match resolve(&path, &modules) {
                // `crate::Policy`, `crate::Policy::at`: through the root's re-exports.
                Some(root) if root.is_empty() => {
                    match path.first().and_then(|n| reexports.get(n)) {
                        Some(m) => m.clone(),
                        None => continue,
                    }
                }
                Some(m) => m,
                None => continue,
            };
            if to == from {
                continue;
            }
            if !from.is_empty() && rank(&to) > rank(&from) {
                violations.push(format!(
                    "{} -> {} ({}): an arrow up the layers",
                    from.join("::"),
                    to.join("::"),
                    path.join("::")
                ));
            }
            edges.entry(from.clone()).or_default().insert(to);
        }
    }
    if std::env::var_os("VPCHECK_PRINT_MODULE_GRAPH").is_some() {
        for (from, to) in &edges {
            let to: Vec<String> = to.iter().map(|m| m.join("::")).collect();
            println!("{} -> {}", from.join("::"), to.join(" "));
        }
    }
    // The scan sees the arrows it must: a few known ones, so that a scanner that finds nothing
    // cannot pass.
    for (from, to) in [
        ("verify::nested", "verify::jsonld"),
        ("verify::nested", "verify::jwt_vc"),
        ("verify::jsonld", "ld::proof"),
        ("ld::canon", "ld::cost"),
        ("model::hopae", "input::borrow"),
        ("verify::unverified", "input::detect"),
        ("verify::unverified", "verify::nested"),
        ("verify::unverified", "verify::hopae"),
        ("verify::jsonld", "verify::ctx"),
    ] {
        let split = |m: &str| m.split("::").map(str::to_owned).collect::<Module>();
        assert!(
            edges.get(&split(from)).is_some_and(|t| t.contains(&split(to))),
            "{from} -> {to} not seen"
        );
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));

    let cycles = strongly_connected(&edges);
    assert!(
        cycles.is_empty(),
        "module cycles:\n{}",
        cycles
            .iter()
            .map(|c| c.iter().map(|m| m.join("::")).collect::<Vec<_>>().join(" <-> "))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Tarjan's algorithm: the components of more than one module.
fn strongly_connected(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct State<'a> {
        edges: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<&'a Module, usize>,
        low: BTreeMap<&'a Module, usize>,
        stack: Vec<&'a Module>,
        on_stack: BTreeSet<&'a Module>,
        next: usize,
        out: Vec<Vec<Module>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a Module) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        if let Some(targets) = s.edges.get(v) {
            for w in targets {
                if !s.index.contains_key(w) {
                    visit(s, w);
                    let lw = s.low[w];
                    let lv = s.low.get_mut(v).unwrap();
                    *lv = (*lv).min(lw);
                } else if s.on_stack.contains(w) {
                    let iw = s.index[w];
                    let lv = s.low.get_mut(v).unwrap();
                    *lv = (*lv).min(iw);
                }
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.clone());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.out.push(component);
            }
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        out: Vec::new(),
    };
    let all: Vec<&Module> = edges
        .keys()
        .chain(edges.values().flat_map(|t| t.iter()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    for v in all {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.out
}

/// The scanner itself, on a made-up file: groups, `super`, inline modules, comments, strings
/// and test items.
#[test]
fn the_scanner_reads_paths_as_rustc_would() {
    let text = r##"
        use crate::a::{b::{C, d}, e};
        use super::f;
        // crate::commented::out
        const S: &str = "crate::in_a_string";
        const R: &str = r#"crate::raw"#;
        mod imp {
            use super::g;
            fn x<'a>(c: char) -> bool { c == '"' || crate::h::i(c) }
        }
        #[cfg(test)]
        mod tests { use crate::only_in_tests; }
        const K: u8 = kid::K + other::L;
        use crate::p::{self as q, r::{self}};
        fn z() { q::deep(); r::x(); }
    "##;
    let stripped = without_test_items(&strip(text));
    let module = vec!["m".to_owned(), "n".to_owned()];
    let s = |p: &str| p.split("::").map(str::to_owned).collect::<Module>();
    let modules: BTreeSet<Module> = [s("m::n::kid"), s("p"), s("p::r")].into();
    let first = paths(&stripped, &module, &modules, &BTreeMap::new());
    let imported = imported_modules(&first, &modules);
    assert_eq!(imported, [("q".to_owned(), s("p")), ("r".to_owned(), s("p::r"))].into());
    let found: Vec<String> = paths(&stripped, &module, &modules, &imported)
        .iter()
        .map(|p| split_alias(p).0.join("::"))
        .collect();
    assert_eq!(
        found,
        [
            "a::b::C",
            "a::b::d",
            "a::e",
            "m::f",
            "m::n::g",
            "h::i",
            "m::n::kid::K",
            "p::self",
            "p::r::self",
            "p::deep",
            "p::r::x"
        ]
    );
}
