//! The extension's managed-storage schema (`extension/managed_schema.json`),
//! embedded at build time so the CLI checks admin configs against exactly the
//! file Chrome checks policy against. Understands Chrome's schema dialect:
//! `type` (object, array, string, boolean, integer, number), `properties`,
//! `additionalProperties`, `items`, `enum`, `minimum`/`maximum`, `title` and
//! `description`. Unlike Chrome, which silently drops a bad key, this reports
//! every problem with the dotted name of the field.

use serde_json::Value;

use super::FieldError;

/// The schema file the extension ships, byte for byte.
pub const MANAGED_SCHEMA_JSON: &str = include_str!("../../extension/managed_schema.json");

/// The parsed schema. The embedded file is checked by a unit test, so the
/// fallback to an empty object only guards against an impossible state.
pub fn managed_schema() -> Value {
    serde_json::from_str(MANAGED_SCHEMA_JSON).unwrap_or_else(|_| serde_json::json!({"type": "object", "properties": {}}))
}

/// Names of the top-level settings the schema declares, in file order.
pub fn setting_names(schema: &Value) -> Vec<String> {
    schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// Checks `value` against `schema`; `path` names the value (e.g. `settings`).
pub fn validate(schema: &Value, value: &Value, path: &str, errors: &mut Vec<FieldError>) {
    let ty = schema.get("type").and_then(Value::as_str).unwrap_or("any");
    if !type_matches(ty, value) {
        errors.push(FieldError::new(path, format!("must be {} (found {})", article(ty), json_type(value))));
        return;
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array) {
        if !allowed.contains(value) {
            let list: Vec<String> = allowed.iter().map(|v| v.to_string()).collect();
            errors.push(FieldError::new(path, format!("{value} is not one of {}", list.join(", "))));
        }
    }
    if let Some(n) = value.as_f64() {
        if let Some(min) = schema.get("minimum").and_then(Value::as_f64) {
            if n < min {
                errors.push(FieldError::new(path, format!("{n} is below the minimum {min}")));
            }
        }
        if let Some(max) = schema.get("maximum").and_then(Value::as_f64) {
            if n > max {
                errors.push(FieldError::new(path, format!("{n} is above the maximum {max}")));
            }
        }
    }
    match value {
        Value::Object(map) => {
            let props = schema.get("properties").and_then(Value::as_object);
            let additional = schema.get("additionalProperties");
            for (key, v) in map {
                let child = join(path, key);
                match (props.and_then(|p| p.get(key)), additional) {
                    (Some(s), _) => validate(s, v, &child, errors),
                    (None, Some(s)) if s.is_object() => validate(s, v, &child, errors),
                    (None, _) => {
                        let known = props.map(|p| p.keys().cloned().collect::<Vec<_>>().join(", ")).unwrap_or_default();
                        errors.push(FieldError::new(&child, format!("is not a SafePost setting (known here: {known})")));
                    }
                }
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = schema.get("items") {
                for (i, v) in items.iter().enumerate() {
                    validate(item_schema, v, &format!("{path}[{i}]"), errors);
                }
            }
        }
        _ => {}
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn type_matches(ty: &str, v: &Value) -> bool {
    match ty {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "boolean" => v.is_boolean(),
        "integer" => v.is_i64() || v.is_u64(),
        "number" => v.is_number(),
        _ => true,
    }
}

fn article(ty: &str) -> String {
    match ty {
        "object" => "a table/object of settings".into(),
        "array" => "a list".into(),
        "string" => "text".into(),
        "boolean" => "true or false".into(),
        "integer" => "a whole number".into(),
        other => format!("of type {other}"),
    }
}

/// A human name for a JSON value's type, for error messages.
pub fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a table/object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn embedded_schema_is_a_chrome_managed_schema() {
        let s: Value = serde_json::from_str(MANAGED_SCHEMA_JSON).expect("managed_schema.json parses");
        assert_eq!(s["type"], "object");
        assert!(s.get("additionalProperties").is_none(), "Chrome rejects top-level additionalProperties");
        assert!(!setting_names(&s).is_empty());
    }

    #[test]
    fn names_the_bad_field() {
        let s = managed_schema();
        let mut e = Vec::new();
        validate(&s, &json!({"checks": {"photos": "yes"}, "orgPatterns": [{"name": 3}], "colour": 1}), "settings", &mut e);
        let fields: Vec<&str> = e.iter().map(|e| e.field.as_str()).collect();
        assert!(fields.contains(&"settings.checks.photos"), "{fields:?}");
        assert!(fields.contains(&"settings.orgPatterns[0].name"), "{fields:?}");
        assert!(fields.contains(&"settings.colour"), "{fields:?}");
    }

    #[test]
    fn accepts_a_good_value() {
        let mut e = Vec::new();
        validate(&managed_schema(), &json!({"enforcement": {"absolute": "block"}, "allowOverride": false}), "settings", &mut e);
        assert!(e.is_empty(), "{e:?}");
    }
}
