//! The platforms the estimator knows, with the per-platform constants from
//! the research notes (`shared/research/reach.md` §2, §6): follower reach-rate
//! priors, prior noise, half-lives, spacing windows, daily caps and default
//! weekly plans. Constants live here so the model code stays generic.

use serde::{Deserialize, Serialize};

/// A social network SafePost watches and can estimate reach for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    X,
    Threads,
    Facebook,
    Instagram,
    Linkedin,
    Tiktok,
    Youtube,
}

impl Platform {
    pub const ALL: [Platform; 7] = [
        Platform::X,
        Platform::Threads,
        Platform::Facebook,
        Platform::Instagram,
        Platform::Linkedin,
        Platform::Tiktok,
        Platform::Youtube,
    ];

    /// Accepts the names the extension and CLI use (`x`, `twitter`, `facebook`, …).
    pub fn parse(name: &str) -> Option<Platform> {
        match name.trim().to_ascii_lowercase().as_str() {
            "x" | "twitter" => Some(Platform::X),
            "threads" => Some(Platform::Threads),
            "facebook" | "fb" => Some(Platform::Facebook),
            "instagram" | "ig" => Some(Platform::Instagram),
            "linkedin" => Some(Platform::Linkedin),
            "tiktok" => Some(Platform::Tiktok),
            "youtube" | "yt" => Some(Platform::Youtube),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Platform::X => "x",
            Platform::Threads => "threads",
            Platform::Facebook => "facebook",
            Platform::Instagram => "instagram",
            Platform::Linkedin => "linkedin",
            Platform::Tiktok => "tiktok",
            Platform::Youtube => "youtube",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Platform::X => "X",
            Platform::Threads => "Threads",
            Platform::Facebook => "Facebook",
            Platform::Instagram => "Instagram",
            Platform::Linkedin => "LinkedIn",
            Platform::Tiktok => "TikTok",
            Platform::Youtube => "YouTube",
        }
    }

    /// Share of followers a typical post reaches (§6.1 table); used only
    /// while the account's own history is short.
    pub fn reach_rate_prior(self, followers: f64) -> f64 {
        match self {
            Platform::Facebook => {
                if followers > 100_000.0 {
                    0.02
                } else {
                    0.04
                }
            }
            Platform::Instagram => {
                if followers < 20_000.0 {
                    0.35
                } else if followers < 1_000_000.0 {
                    0.23
                } else {
                    0.19
                }
            }
            Platform::X => 0.12,
            Platform::Threads => 0.10,
            Platform::Linkedin => 0.10,
            Platform::Tiktok | Platform::Youtube => 0.10,
        }
    }

    /// Prior spread of log reach around the follower-based level (§6.1).
    pub fn prior_sigma(self) -> f64 {
        match self {
            Platform::Facebook => 1.1,
            Platform::Instagram | Platform::X => 0.8,
            Platform::Threads => 1.0,
            Platform::Linkedin => 1.2,
            Platform::Tiktok | Platform::Youtube => 1.3,
        }
    }

    /// Time by which half of a post's lifetime reach has arrived, in minutes
    /// (§2.1: X ≈ 80 min of impressions, Facebook 90 min, Instagram 19 h,
    /// LinkedIn 24 h, YouTube 6 days; TikTok and Threads are assumptions).
    pub fn half_life_minutes(self) -> f64 {
        match self {
            Platform::X => 80.0,
            Platform::Threads => 120.0,
            Platform::Facebook => 90.0,
            Platform::Instagram => 19.0 * 60.0,
            Platform::Linkedin => 24.0 * 60.0,
            Platform::Tiktok => 48.0 * 60.0,
            Platform::Youtube => 6.0 * 24.0 * 60.0,
        }
    }

    /// Window in which earlier own posts compete with a new one (§6.1: 6 h for
    /// fast platforms, 24 h where posts live about a day or longer).
    pub fn spacing_window_minutes(self) -> i64 {
        match self {
            Platform::X | Platform::Threads | Platform::Facebook => 6 * 60,
            _ => 24 * 60,
        }
    }

    /// Daily maximum from the §6.3 heuristics table.
    pub fn daily_cap(self) -> u32 {
        match self {
            Platform::X | Platform::Threads => 5,
            Platform::Facebook | Platform::Instagram => 2,
            Platform::Linkedin | Platform::Youtube => 1,
            Platform::Tiktok => 3,
        }
    }

    /// Weekly minimum and maximum posts (§6.3; `None` = no published maximum).
    pub fn weekly_range(self) -> (u32, Option<u32>) {
        match self {
            Platform::X => (3, Some(35)),
            Platform::Facebook | Platform::Instagram => (3, Some(10)),
            Platform::Linkedin => (2, Some(5)),
            Platform::Tiktok => (3, Some(21)),
            Platform::Youtube => (1, None),
            Platform::Threads => (3, None),
        }
    }

    /// A sensible default plan: a little above the weekly minimum, well
    /// under the point where fatigue sets in.
    pub fn default_posts_per_week(self) -> u32 {
        match self {
            Platform::X => 5,
            Platform::Threads => 3,
            Platform::Facebook => 3,
            Platform::Instagram => 3,
            Platform::Linkedin => 2,
            Platform::Tiktok => 3,
            Platform::Youtube => 1,
        }
    }

    /// Share of lifetime reach that has arrived `minutes` after posting, from
    /// a log-logistic curve with β = 1 (more robust in the tail than an
    /// exponential, §2.1 modelling note).
    pub fn share_arrived(self, minutes: f64) -> f64 {
        if minutes <= 0.0 {
            return 0.0;
        }
        minutes / (minutes + self.half_life_minutes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_names_and_aliases() {
        assert_eq!(Platform::parse("Twitter"), Some(Platform::X));
        assert_eq!(Platform::parse("linkedin"), Some(Platform::Linkedin));
        assert_eq!(Platform::parse("myspace"), None);
        for p in Platform::ALL {
            assert_eq!(Platform::parse(p.name()), Some(p));
        }
    }

    #[test]
    fn half_life_means_half_arrived() {
        for p in Platform::ALL {
            let h = p.share_arrived(p.half_life_minutes());
            assert!((h - 0.5).abs() < 1e-9);
            assert!(p.share_arrived(60.0) < p.share_arrived(24.0 * 60.0));
        }
    }
}
