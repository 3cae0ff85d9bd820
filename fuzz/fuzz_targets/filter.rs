//! The filter-bar parser: never panics; a parsed filter has a valid date range.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let query = String::from_utf8_lossy(data);
    let today = chrono::NaiveDate::from_ymd_opt(2021, 12, 20).expect("date");
    if let Ok(filter) = amtsfeed::filter::Filter::parse(&query, today) {
        if let (Some(since), Some(until)) = (filter.since, filter.until) {
            assert!(since <= until);
        }
        let _ = filter.time_bounds(&chrono::Utc);
    }
    let _ = amtsfeed::filter::parse_date(&query, today);
});
