//! Walk-forward evaluation (reach.md §7): every post is predicted only from
//! the posts before it, by the model and by the naive baseline (median log
//! reach of the previous 60 posts). Scoring starts once 10 earlier posts
//! exist so both have something to go on; platforms are evaluated as
//! separate series and pooled.

use serde::Serialize;

use super::model::{median, Forecaster, ModelConfig};
use super::platform::Platform;
use super::post::Post;

pub const MIN_HISTORY: usize = 10;
const NAIVE_WINDOW: usize = 60;

/// The figures `safepost reach eval --format json` prints.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EvalReport {
    pub posts: usize,
    pub mae_log: f64,
    pub mae_log_naive: f64,
    pub coverage50: f64,
    pub coverage80: f64,
    /// Median of high ÷ low of the 80 % interval (how wide "typical" is).
    pub median_ratio80: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub enum EvalError {
    TooFewPosts { have: usize, need: usize },
}

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EvalError::TooFewPosts { have, need } => {
                write!(f, "walk-forward evaluation needs more than {need} posts on one platform; found {have}")
            }
        }
    }
}

pub fn walk_forward(posts: &[Post], cfg: ModelConfig) -> Result<EvalReport, EvalError> {
    let (mut n, mut err, mut err_naive, mut hit50, mut hit80) = (0usize, 0.0, 0.0, 0usize, 0usize);
    let mut ratios = Vec::new();
    for platform in Platform::ALL {
        let mut series: Vec<&Post> = posts.iter().filter(|p| p.platform == platform).collect();
        series.sort_by_key(|p| p.at);
        let mut model = Forecaster::new(platform, cfg);
        let mut past: Vec<f64> = Vec::new();
        for p in series {
            let pred = model.predict(p.at, p.time_known, p.followers);
            let y = p.log_reach();
            if past.len() >= MIN_HISTORY {
                if let (Some(pr), Some(naive)) = (&pred, median(past[past.len().saturating_sub(NAIVE_WINDOW)..].iter().copied())) {
                    n += 1;
                    err += (y - pr.log_point).abs();
                    err_naive += (y - naive).abs();
                    let e = y - pr.log_point;
                    hit50 += (e >= pr.band50.lo && e <= pr.band50.hi) as usize;
                    hit80 += (e >= pr.band80.lo && e <= pr.band80.hi) as usize;
                    ratios.push((pr.band80.hi - pr.band80.lo).exp());
                }
            }
            model.observe(p, pred.as_ref());
            past.push(y);
        }
    }
    if n == 0 {
        return Err(EvalError::TooFewPosts { have: posts.len(), need: MIN_HISTORY });
    }
    let nf = n as f64;
    Ok(EvalReport {
        posts: n,
        mae_log: err / nf,
        mae_log_naive: err_naive / nf,
        coverage50: hit50 as f64 / nf,
        coverage80: hit80 as f64 / nf,
        median_ratio80: median(ratios.into_iter()).unwrap_or(f64::NAN),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn needs_enough_posts() {
        let posts: Vec<Post> = (0..5).map(|i| Post { platform: Platform::X, at: i * 3_600_000, reach: 10.0, id: None, followers: None, time_known: true }).collect();
        assert!(matches!(walk_forward(&posts, ModelConfig::default()), Err(EvalError::TooFewPosts { .. })));
    }

    #[test]
    fn scores_each_post_once_from_its_past() {
        let posts: Vec<Post> = (0..50)
            .map(|i| Post { platform: Platform::X, at: i * 86_400_000, reach: 100.0 + (i % 7) as f64 * 30.0, id: None, followers: None, time_known: true })
            .collect();
        let r = walk_forward(&posts, ModelConfig::default()).unwrap();
        assert_eq!(r.posts, 40);
        assert!(r.mae_log < 0.5 && r.mae_log_naive < 0.5);
    }
}
