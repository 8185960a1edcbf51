//! `safepost policy generate` output: every file parses in its own format and
//! carries the admin's settings unchanged to where each browser reads them.

use safepost::policy::generate::{plist, reg};
use safepost::policy::{config, generate_all, EXTENSION_ID};
use serde_json::{json, Map, Value};

const EXAMPLE: &str = include_str!("../docs/examples/clinic.toml");

fn example() -> config::AdminConfig {
    config::load(EXAMPLE).expect("docs/examples/clinic.toml is valid")
}

fn file<'a>(files: &'a [safepost::policy::GeneratedFile], path: &str) -> &'a [u8] {
    &files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("{path} not generated")).bytes
}

#[test]
fn linux_json_installs_and_configures_each_browser() {
    let cfg = example();
    let files = generate_all(&cfg);
    for (path, url) in [
        ("linux/etc/opt/chrome/policies/managed/safepost.json", &cfg.install.chrome_update_url),
        ("linux/etc/chromium/policies/managed/safepost.json", &cfg.install.chrome_update_url),
        ("linux/etc/opt/edge/policies/managed/safepost.json", &cfg.install.edge_update_url),
    ] {
        let v: Value = serde_json::from_slice(file(&files, path)).expect("valid JSON");
        assert_eq!(v["3rdparty"]["extensions"][EXTENSION_ID], Value::Object(cfg.settings.clone()), "{path}");
        assert_eq!(v["ExtensionSettings"][EXTENSION_ID]["update_url"], json!(url), "{path}");
        assert_eq!(v["ExtensionSettings"][EXTENSION_ID]["installation_mode"], "force_installed");
        assert_eq!(v["ExtensionInstallForcelist"][0], json!(format!("{EXTENSION_ID};{url}")));
    }
}

/// Rebuilds the settings object Chrome would read from a `...\policy` key
/// and its subkeys (DWORD → bool, REG_SZ holding a JSON list → list).
fn settings_from_reg(r: &reg::RegFile, policy_key: &str) -> Value {
    let mut root = Map::new();
    for sec in r.sections.iter().filter(|s| !s.delete) {
        let Some(rest) = sec.key.strip_prefix(policy_key) else { continue };
        let mut target = &mut root;
        for part in rest.split('\\').filter(|p| !p.is_empty()) {
            target = target.entry(part.to_string()).or_insert_with(|| json!({})).as_object_mut().unwrap();
        }
        for (name, v) in &sec.values {
            let value = match v {
                reg::RegValue::Dword(d) => json!(*d != 0),
                reg::RegValue::Sz(s) if s.starts_with('[') => serde_json::from_str(s).expect("list values are JSON"),
                reg::RegValue::Sz(s) => json!(s),
            };
            target.insert(name.clone(), value);
        }
    }
    Value::Object(root)
}

#[test]
fn windows_reg_files_parse_and_carry_the_settings() {
    let cfg = example();
    let files = generate_all(&cfg);
    for (path, vendor) in [("windows/safepost-chrome.reg", "Google\\Chrome"), ("windows/safepost-edge.reg", "Microsoft\\Edge")] {
        let bytes = file(&files, path);
        assert_eq!(&bytes[..2], &[0xFF, 0xFE], "UTF-16LE BOM");
        let r = reg::parse(bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        let base = format!("HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\{vendor}");
        let policy_key = format!("{base}\\3rdparty\\extensions\\{EXTENSION_ID}\\policy");
        assert!(r.sections.iter().any(|s| s.delete && s.key == policy_key), "old policy removed first");
        assert_eq!(settings_from_reg(&r, &policy_key), Value::Object(cfg.settings.clone()), "{path}");
        let forcelist = r.sections.iter().find(|s| s.key == format!("{base}\\ExtensionInstallForcelist")).expect("forcelist");
        assert!(matches!(&forcelist.values[0].1, reg::RegValue::Sz(s) if s.starts_with(EXTENSION_ID)));
        let es = r.sections.iter().find(|s| s.key == base).expect("ExtensionSettings key");
        let reg::RegValue::Sz(es) = &es.values[0].1 else { panic!("ExtensionSettings is REG_SZ") };
        let es: Value = serde_json::from_str(es).expect("ExtensionSettings is JSON");
        assert_eq!(es[EXTENSION_ID]["installation_mode"], "force_installed");
    }
}

#[test]
fn macos_profile_is_a_well_formed_plist_with_extension_domains() {
    let cfg = example();
    let files = generate_all(&cfg);
    let text = std::str::from_utf8(file(&files, "macos/safepost.mobileconfig")).expect("UTF-8");
    let v = plist::parse(text).expect("well-formed plist");
    assert_eq!(v["PayloadType"], "Configuration");
    let payloads = v["PayloadContent"].as_array().expect("payloads");
    let by_type = |t: &str| payloads.iter().find(|p| p["PayloadType"] == t).unwrap_or_else(|| panic!("{t} payload"));
    for domain in [format!("com.google.Chrome.extensions.{EXTENSION_ID}"), format!("com.microsoft.Edge.extensions.{EXTENSION_ID}")] {
        let p = by_type(&domain);
        for (k, want) in &cfg.settings {
            assert_eq!(&p[k], want, "{domain}.{k}");
        }
    }
    assert_eq!(by_type("com.google.Chrome")["ExtensionSettings"][EXTENSION_ID]["installation_mode"], "force_installed");
    let uuids: std::collections::HashSet<&str> = payloads.iter().map(|p| p["PayloadUUID"].as_str().unwrap()).collect();
    assert_eq!(uuids.len(), payloads.len(), "distinct payload UUIDs");
    assert_eq!(generate_all(&cfg), files, "regeneration is byte-identical (stable UUIDs)");
}

#[test]
fn firefox_and_google_admin_files() {
    let cfg = example();
    let files = generate_all(&cfg);
    let ff: Value = serde_json::from_slice(file(&files, "firefox/policies.json")).expect("JSON");
    let id = &cfg.install.firefox_id;
    assert_eq!(ff["policies"]["3rdparty"]["Extensions"][id], Value::Object(cfg.settings.clone()));
    assert_eq!(ff["policies"]["ExtensionSettings"][id]["install_url"], json!(cfg.install.firefox_install_url));
    let ga: Value = serde_json::from_slice(file(&files, "google-admin/safepost-policy.json")).expect("JSON");
    for (k, v) in &cfg.settings {
        assert_eq!(&ga[k]["Value"], v);
    }
}

#[test]
fn bad_configs_name_the_field() {
    let cases = [
        ("[settings.enforcement]\nabsolute = \"blocks\"\n", "settings.enforcement.absolute"),
        ("[settings]\nallowOverride = \"no\"\n", "settings.allowOverride"),
        ("[settings]\ncolour = \"red\"\n", "settings.colour"),
        ("[settings]\nsupportUrl = \"http://intranet.example/policy\"\n", "settings.supportUrl"),
        ("[settings]\nallowlist = [\"ok\", 7]\n", "settings.allowlist[1]"),
        ("[settings]\nextraSites = [\"community.example.org\"]\n", "settings.extraSites[0]"),
        ("[[settings.orgPatterns]]\nname = \"MRN\"\npattern = '(\\d+)\\1'\n", "settings.orgPatterns[0].pattern"),
        ("[[settings.orgPatterns]]\nname = \"MRN\"\npattern = 'a*'\n", "settings.orgPatterns[0].pattern"),
        ("[[settings.orgPatterns]]\npattern = '\\d{6}'\n", "settings.orgPatterns[0].name"),
        ("[[settings.orgPatterns]]\nname = \"x\"\npattern = '\\d{6}'\ncategory = \"photo_face\"\n", "settings.orgPatterns[0].category"),
        ("[install]\nchrome_id = \"abc\"\n[settings]\n", "install.chrome_id"),
        ("[install]\nchrome_update_url = \"http://updates.example.org/u.xml\"\n[settings]\n", "install.chrome_update_url"),
        ("[install]\nmode = \"always\"\n[settings]\n", "install.mode"),
        ("[deployment]\n[settings]\n", "deployment"),
    ];
    for (text, field) in cases {
        let errors = config::load(text).expect_err(text);
        assert!(errors.iter().any(|e| e.field == field), "{text:?}: expected an error on {field}, got {errors:?}");
        assert!(errors.iter().all(|e| !e.to_string().is_empty()));
    }
    let mut many = String::from("[settings]\nallowlist = [");
    many.push_str(&vec!["\"x\""; 501].join(","));
    many.push_str("]\n");
    assert!(config::load(&many).unwrap_err().iter().any(|e| e.field == "settings.allowlist"));
}

#[test]
fn cli_validate_and_generate() {
    let exe = env!("CARGO_BIN_EXE_safepost");
    let ok = std::process::Command::new(exe).args(["policy", "validate", "docs/examples/clinic.toml"]).output().unwrap();
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let dir = std::env::temp_dir().join(format!("safepost-policy-test-{}", std::process::id()));
    let bad = dir.join("bad.toml");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(&bad, "[settings.enforcement]\nabsolute = \"blocks\"\n").unwrap();
    let out = std::process::Command::new(exe).args(["policy", "validate"]).arg(&bad).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("settings.enforcement.absolute"));
    let gen = std::process::Command::new(exe).args(["policy", "generate", "docs/examples/clinic.toml", "--out"]).arg(dir.join("out")).output().unwrap();
    assert!(gen.status.success());
    assert!(dir.join("out/macos/safepost.mobileconfig").is_file());
    let _ = std::fs::remove_dir_all(&dir);
}

/// docs/examples/generated/ and the copies in docs/deploy.md are what the
/// generator writes today (regenerate: `safepost policy generate
/// docs/examples/clinic.toml --out docs/examples/generated`).
#[test]
fn committed_examples_are_current() {
    let files = generate_all(&example());
    for f in &files {
        let committed = std::fs::read(format!("docs/examples/generated/{}", f.path)).unwrap_or_else(|e| panic!("{}: {e}", f.path));
        assert!(committed == f.bytes, "docs/examples/generated/{} is stale", f.path);
    }
    let deploy = std::fs::read_to_string("docs/deploy.md").expect("docs/deploy.md");
    let linux = String::from_utf8(file(&files, "linux/etc/chromium/policies/managed/safepost.json").to_vec()).unwrap();
    assert!(deploy.contains(&linux), "docs/deploy.md shows an old Linux policy file");
    assert!(deploy.contains(EXAMPLE), "docs/deploy.md shows an old clinic.toml");
}
