//! WASM exports for the popup and service worker (issue 5): import one
//! export file's text, estimate reach for a platform and time from the
//! stored history, and the plan's status. Every function returns a plain
//! JSON-compatible object and never throws for bad user input: failures
//! come back as `{ok: false, error}` with a message naming the problem.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::reach::estimate::{estimate, EstimateRequest};
use crate::reach::import::account_summary::{attach_followers, FollowerPoint};
use crate::reach::schedule::{default_plan, fits_plan, status, LogEntry, Plan};
use crate::reach::{import_text, merge_history, ImportOptions, Platform, Post};

fn to_js<T: Serialize>(v: &T) -> JsValue {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    v.serialize(&ser).unwrap_or_else(|e| failure(&format!("internal: {e}")))
}

fn failure(msg: &str) -> JsValue {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    serde_json::json!({"ok": false, "error": msg}).serialize(&ser).unwrap_or(JsValue::NULL)
}

/// Parses one analytics export. `local_offset_min` is the user's zone
/// (minutes east of UTC; JS: `-new Date().getTimezoneOffset()`) for exports
/// whose times carry none.
#[wasm_bindgen]
pub fn reach_import(text: &str, local_offset_min: i32) -> JsValue {
    match import_text(text, ImportOptions { local_offset_min: local_offset_min as i64 }) {
        Ok(imp) => to_js(&serde_json::json!({
            "ok": true,
            "format": imp.format,
            "format_label": imp.format.label(),
            "platform": imp.platform,
            "posts": imp.posts,
            "skipped": imp.skipped,
            "times_from_id": imp.times_from_id,
            "date_only": imp.date_only,
            "notes": imp.notes,
            "followers": imp.followers,
        })),
        Err(e) => failure(&e.to_string()),
    }
}

/// Merges stored and newly imported posts (sorted, de-duplicated).
#[wasm_bindgen]
pub fn reach_merge(posts: JsValue) -> JsValue {
    match serde_wasm_bindgen::from_value::<Vec<Post>>(posts) {
        Ok(p) => to_js(&serde_json::json!({"ok": true, "posts": merge_history(p)})),
        Err(e) => failure(&format!("stored history is unreadable: {e}")),
    }
}

#[derive(Deserialize)]
struct EstimateInput {
    platform: String,
    at: f64,
    #[serde(default)]
    now: Option<f64>,
    #[serde(default)]
    local_offset_min: i64,
    #[serde(default)]
    followers: Option<f64>,
    #[serde(default)]
    history: Vec<Post>,
    #[serde(default)]
    log: Vec<LogEntry>,
    /// Follower counts over time from account summaries.
    #[serde(default)]
    follower_series: Vec<FollowerPoint>,
}

/// `{platform, at, now?, local_offset_min?, followers?, history, log,
/// follower_series?}` →
/// the estimate (see `reach::estimate::Estimate`) with `ok: true`.
#[wasm_bindgen]
pub fn reach_estimate(input: JsValue) -> JsValue {
    let req: EstimateInput = match serde_wasm_bindgen::from_value(input) {
        Ok(r) => r,
        Err(e) => return failure(&format!("bad estimate request: {e}")),
    };
    let Some(platform) = Platform::parse(&req.platform) else {
        return failure(&format!("unknown platform \"{}\"", req.platform));
    };
    if !req.at.is_finite() {
        return failure("the posting time is not a valid time");
    }
    let at = req.at as i64;
    let r = EstimateRequest {
        platform,
        at,
        now: req.now.filter(|n| n.is_finite()).map_or(at, |n| n as i64),
        local_offset_min: req.local_offset_min,
        followers: req.followers.filter(|f| f.is_finite() && *f > 0.0),
    };
    let mut history = req.history;
    attach_followers(&mut history, &req.follower_series);
    match estimate(&history, &req.log, &r) {
        Ok(e) => {
            let mut v = serde_json::to_value(&e).unwrap_or_default();
            if let Some(o) = v.as_object_mut() {
                o.insert("ok".into(), true.into());
            }
            to_js(&v)
        }
        Err(e) => failure(&e.to_string()),
    }
}

#[derive(Deserialize)]
struct ScheduleInput {
    #[serde(default)]
    plan: Option<Plan>,
    #[serde(default)]
    log: Vec<LogEntry>,
    now: f64,
    #[serde(default)]
    local_offset_min: i64,
    #[serde(default)]
    platform: Option<String>,
    #[serde(default)]
    at: Option<f64>,
}

/// `{plan?, log, now, local_offset_min?, platform?, at?}` → `{ok, plan,
/// status, fit?}`; without a plan the default plan is used.
#[wasm_bindgen]
pub fn reach_schedule(input: JsValue) -> JsValue {
    let req: ScheduleInput = match serde_wasm_bindgen::from_value(input) {
        Ok(r) => r,
        Err(e) => return failure(&format!("bad schedule request: {e}")),
    };
    let plan = req.plan.unwrap_or_else(|| default_plan(&req.log));
    let now = req.now as i64;
    let st = status(&plan, &req.log, now, req.local_offset_min);
    let fit = match (req.platform.as_deref().and_then(Platform::parse), req.at) {
        (Some(p), Some(at)) => Some(fits_plan(&plan, &req.log, p, at as i64, req.local_offset_min)),
        _ => None,
    };
    to_js(&serde_json::json!({"ok": true, "plan": plan, "status": st, "fit": fit}))
}
