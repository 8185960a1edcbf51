//! Small hand-written exports for each parser, and the malformed files a
//! user will sooner or later pick.

use super::*;

fn imp(text: &str) -> Result<Imported, ImportError> {
    import_text(text, ImportOptions::default())
}

const X_HEADER: &str = "\"Tweet id\",\"Tweet permalink\",\"Tweet text\",\"time\",\"impressions\",\"engagements\",\"promoted impressions\"";

#[test]
fn x_tweet_activity_keeps_originals_only() {
    let text = format!(
        "{X_HEADER}\n\
         \"812369747765362688\",\"https://twitter.com/a/status/1\",\"New pkg, on CRAN\",\"2016-12-23 18:50 +0000\",\"1938.0\",\"18.0\",\"-\"\n\
         \"812341199767863296\",\"u\",\"@someone thanks!\",\"2016-12-23 16:56 +0000\",\"300.0\",\"2.0\",\"-\"\n\
         \"812341199767863297\",\"u\",\"Ad\",\"2016-12-22 10:00 +0000\",\"5000.0\",\"2.0\",\"4000\"\n"
    );
    let r = imp(&text).unwrap();
    assert_eq!(r.format, ExportFormat::XTweetActivity);
    assert_eq!(r.platform, Platform::X);
    assert_eq!(r.posts.len(), 1);
    assert_eq!(r.skipped, 2);
    assert_eq!(r.posts[0].reach, 1938.0);
    assert_eq!(crate::reach::civil_time::format_iso_minute(r.posts[0].at), "2016-12-23T18:50Z");
}

#[test]
fn x_tweet_activity_bad_date_names_the_line() {
    let text = format!("{X_HEADER}\n\"1\",\"u\",\"ok\",\"2016-12-23 18:50 +0000\",\"10\",\"0\",\"-\"\n\"2\",\"u\",\"ok\",\"last Tuesday\",\"10\",\"0\",\"-\"\n");
    let e = imp(&text).unwrap_err();
    assert_eq!(e, ImportError::BadDate { line: 3, column: "time".into(), value: "last Tuesday".into() });
    assert!(e.to_string().contains("line 3"));
}

#[test]
fn x_content_export_decodes_time_from_snowflake() {
    // id 1283000000000000000 → (id >> 22) + epoch = 2020-07-14T11:57Z
    let text = "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements\n\
                1283000000000000000,\"Tue, Jul 14, 2020\",Hello,https://x.com/a/status/1283000000000000000,\"1,234\",5,9\n\
                1283000000000000001,\"Tue, Jul 14, 2020\",@bob reply,https://x.com/a/status/1,10,0,0\n";
    let r = imp(text).unwrap();
    assert_eq!(r.format, ExportFormat::XAccountContent);
    assert_eq!(r.posts.len(), 1);
    assert_eq!(r.times_from_id, 1);
    assert_eq!(r.posts[0].reach, 1234.0);
    assert!(r.posts[0].time_known);
    let ms = (1283000000000000000u64 >> 22) as i64 + 1288834974657;
    assert_eq!(r.posts[0].at, ms);
}

#[test]
fn x_content_export_with_non_snowflake_id_keeps_date_only() {
    let text = "Post id,Date,Post text,Post Link,Impressions\n42,\"Tue, Jul 14, 2020\",Hi,u,100\n";
    let r = imp(text).unwrap();
    assert_eq!(r.times_from_id, 0);
    assert_eq!(r.date_only, 1);
    assert!(!r.posts[0].time_known);
}

#[test]
fn meta_instagram_export_maps_columns_by_name() {
    let text = "Post ID,Account ID,Account username,Account name,Description,Duration (sec),Publish time,Permalink,Post type,Data comment,Date,Views,Likes,Reach,Shares\n\
                1789,17841,drjane,Dr Jane,\"Flu shots, explained\",0,07/14/2026 09:30,https://instagram.com/p/x,IG image,,Lifetime,900,40,\"1,200\",3\n\
                1790,17841,drjane,Dr Jane,Story,0,07/15/2026 09:30,https://instagram.com/p/y,IG story,,Lifetime,90,4,80,0\n";
    let r = imp(text).unwrap();
    assert_eq!(r.format, ExportFormat::MetaBusinessSuite);
    assert_eq!(r.platform, Platform::Instagram);
    assert_eq!(r.posts.len(), 1);
    assert_eq!(r.posts[0].reach, 1200.0, "Reach, not Views, even when it comes later");
    assert_eq!(r.skipped, 1);
}

#[test]
fn meta_facebook_export_without_reach_column_is_named() {
    let text = "Post ID,Page ID,Page name,Title,Publish time,Permalink\n1,2,Clinic,Hi,07/14/2026 09:30,u\n";
    // No reach/views/impressions: not recognised as any export at all.
    assert!(matches!(imp(text), Err(ImportError::UnknownFormat { .. })));
    let text = "Post ID,Page ID,Page name,Title,Publish time,Permalink,Reach\n1,2,Clinic,Hi,07/14/2026 09:30,u,500\n";
    let r = imp(text).unwrap();
    assert_eq!(r.platform, Platform::Facebook);
}

#[test]
fn uci_facebook_metrics_reconstructs_weekday_and_hour() {
    let text = "Page total likes,Type,Category,Post Month,Post Weekday,Post Hour,Paid,Lifetime Post Total Reach\n\
                139441,Photo,2,12,4,3,0,2752\n\
                139441,Status,2,12,3,10,0,10460\n\
                139441,Photo,3,12,3,3,1,2413\n";
    let r = imp(text).unwrap();
    assert_eq!(r.format, ExportFormat::UciFacebookMetrics);
    assert_eq!(r.posts.len(), 2);
    assert_eq!(r.skipped, 1);
    // Oldest first: weekday 3 (Tuesday) 10:00, then weekday 4 (Wednesday) 03:00.
    use crate::reach::civil_time::{hour_of_day, weekday_monday0};
    assert_eq!((weekday_monday0(r.posts[0].at), hour_of_day(r.posts[0].at)), (1, 10));
    assert_eq!((weekday_monday0(r.posts[1].at), hour_of_day(r.posts[1].at)), (2, 3));
    assert_eq!(r.posts[0].followers, Some(139441.0));
}

#[test]
fn linkedin_company_and_creator_exports() {
    let text = "Post title,Post link,Post type,Created date,Impressions,Clicks\n\
                Vaccines,https://www.linkedin.com/feed/update/urn:li:activity:7085532233728000000,Organic,07/14/2023,2970,12\n\
                Ad,https://www.linkedin.com/feed/update/urn:li:activity:7085532233728000001,Sponsored,07/14/2023,9000,50\n";
    let r = imp(text).unwrap();
    assert_eq!(r.format, ExportFormat::Linkedin);
    assert_eq!(r.posts.len(), 1);
    assert_eq!(r.times_from_id, 1);
    assert_eq!(r.posts[0].at, (7085532233728000000u64 >> 22) as i64);
    let creator = "Post URL,Post publish date,Engagements,,Post URL,Post publish date,Impressions\n\
                   https://www.linkedin.com/posts/a-activity-7085532233728000000-x,07/14/2023,50,,https://www.linkedin.com/posts/b-activity-7085532233728000000-y,07/14/2023,4100\n\
                   https://www.linkedin.com/posts/c,07/10/2023,20,,,,\n";
    let r = imp(creator).unwrap();
    assert_eq!(r.posts.len(), 1);
    assert_eq!(r.posts[0].reach, 4100.0);
}

#[test]
fn tiktok_export_with_k_counts() {
    let text = "Video title,Video link,Post time,Total likes,Total comments,Total shares,Total views\n\
                Handwashing,https://www.tiktok.com/@dr/video/7261234567890123456,2026-08-02 19:05:00,300,4,5,1.2K\n";
    let r = imp(text).unwrap();
    assert_eq!(r.format, ExportFormat::Tiktok);
    assert_eq!(r.posts[0].reach, 1200.0);
    assert!(r.posts[0].time_known);
}

#[test]
fn youtube_export_skips_total_row() {
    let text = "Content,Video title,Video publish time,Duration,Views,Watch time (hours)\n\
                Total,,,,5000,100\n\
                dQw4w9WgXcQ,Sleep hygiene,\"Mar 5, 2023\",600,4000,80\n\
                abcdefghijk,Hydration,\"Mar 12, 2023\",300,1000,20\n";
    let r = imp(text).unwrap();
    assert_eq!(r.format, ExportFormat::Youtube);
    assert_eq!(r.posts.len(), 2);
    assert_eq!(r.skipped, 1);
    assert_eq!(r.date_only, 2);
}

#[test]
fn malformed_files_are_rejected_whole() {
    assert!(matches!(imp(""), Err(ImportError::Unreadable { .. })));
    assert!(matches!(imp("name,age\nbob,4\n"), Err(ImportError::UnknownFormat { .. })));
    let e = imp("\"Tweet id\",\"time\",\"impressions\"\n\"1\",\"2016-12-23 18:50 +0000\",\"lots\"\n").unwrap_err();
    assert_eq!(e, ImportError::BadNumber { line: 2, column: "impressions".into(), value: "lots".into() });
    let e = imp("\"Tweet id\",\"time\",\"impressions\"\n\"1\",\"2016-12-23 18:50 +0000\"\n").unwrap_err();
    assert!(matches!(e, ImportError::ShortRow { line: 2, .. }), "{e:?}");
    let e = imp("\"Tweet id\",\"time\",\"impressions\"\n\"1\",\"2016-12-23 18:50 +0000\",\"5\"\n\"2\",\"2016-12-2").unwrap_err();
    assert!(matches!(e, ImportError::Unreadable { .. }), "unterminated quote: {e:?}");
    let e = imp("\"Tweet id\",\"Tweet text\",\"time\",\"impressions\"\n\"1\",\"@a hi\",\"2016-12-23 18:50 +0000\",\"5\"\n").unwrap_err();
    assert!(matches!(e, ImportError::NoPosts { skipped: 1, .. }));
    let e = imp("Post id,Date,Post text,Post Link,Likes\n1,2020-01-01,a,b,3\n").unwrap_err();
    assert!(matches!(e, ImportError::UnknownFormat { .. }), "{e:?}");
}

#[test]
fn missing_column_is_named() {
    // Recognised as TikTok by "post time" + "views" but… all required present; drop date
    let text = "Content,Video title,Video publish time,Likes\nabc,t,\"Mar 5, 2023\",3\n";
    // No Views column: YouTube fingerprint needs views, so unknown format.
    assert!(matches!(imp(text), Err(ImportError::UnknownFormat { .. })));
    let c = Columns::new(&["a".to_string()]);
    let ctx = Ctx { cols: &c, format: ExportFormat::Tiktok, opts: ImportOptions::default() };
    let e = ctx.require(&["total views", "views"]).unwrap_err();
    assert_eq!(e.to_string(), "this looks like a TikTok Studio content export but the column \"total views\" is missing");
}

#[test]
fn account_summaries_give_follower_counts_and_no_posts() {
    let text = "commit_date,date,month,followers,new_followers,tweets,tweet_impressions\n\
                2022-01-03,2022-01-03,Dec,33464,134,17,109000\n\
                2021-01-03,2021-01-03,Nov,NA,147,33,122000\n\
                2020-06-01,2020-06-01,May,30000,100,30,120000\n";
    let r = imp(text).unwrap();
    assert_eq!(r.format, ExportFormat::AccountSummary);
    assert!(r.posts.is_empty());
    assert_eq!(r.followers.len(), 2);
    let mut posts = vec![
        Post { platform: Platform::X, at: crate::reach::civil_time::to_ms(2021, 6, 1, 0, 0, 0).unwrap(), reach: 1.0, id: None, followers: None, time_known: true },
        Post { platform: Platform::X, at: crate::reach::civil_time::to_ms(2019, 6, 1, 0, 0, 0).unwrap(), reach: 1.0, id: None, followers: None, time_known: true },
    ];
    account_summary::attach_followers(&mut posts, &r.followers);
    assert_eq!(posts[0].followers, Some(30000.0));
    assert_eq!(posts[1].followers, Some(30000.0), "older than the series: first known count");
    let daily = "\"Date\",\"Tweets published\",\"impressions\"\n\"2019-01-01\",\"3\",\"500\"\n";
    let r = imp(daily).unwrap();
    assert!(r.posts.is_empty() && r.followers.is_empty());
    let bad = "date,followers\n2022-01-03,many\n";
    assert!(matches!(imp(bad), Err(ImportError::BadNumber { line: 2, .. })));
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    const VALID: &str = "\"Tweet id\",\"Tweet text\",\"time\",\"impressions\"\n\"1\",\"hi\",\"2016-12-23 18:50 +0000\",\"10\"\n";

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
        #[test]
        fn arbitrary_text(s in "\\PC{0,300}") {
            let _ = imp(&s);
            let _ = crate::reach::civil_time::parse_datetime(&s, 0);
        }

        #[test]
        fn mutated_valid_export(pos in 0usize..VALID.len(), junk in "\\PC{0,6}") {
            let mut t = VALID.to_string();
            let mut p = pos;
            while !t.is_char_boundary(p) { p -= 1; }
            t.insert_str(p, &junk);
            match imp(&t) {
                Ok(r) => prop_assert!(r.posts.len() <= 1),
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }
    }
}
