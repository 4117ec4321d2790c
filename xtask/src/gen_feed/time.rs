//! UTC calendar arithmetic for timestamps in generated feeds (no date-time dependency).

pub const DAY: i64 = 86_400;

/// Seconds since 1970-01-01T00:00:00Z of the first second of `year`-`month`-01.
pub fn month_start(year: i64, month: i64) -> i64 {
    days_from_civil(year, month, 1) * DAY
}

/// `year`-`month` moved by `delta` months.
pub fn add_months(year: i64, month: i64, delta: i64) -> (i64, i64) {
    let index = year * 12 + (month - 1) + delta;
    (index.div_euclid(12), index.rem_euclid(12) + 1)
}

/// RFC 3339 in UTC with a `Z`, as the arXiv API writes it: `2026-04-09T05:40:55Z`.
pub fn rfc3339(seconds: i64) -> String {
    let days = seconds.div_euclid(DAY);
    let in_day = seconds.rem_euclid(DAY);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        in_day / 3600,
        in_day % 3600 / 60,
        in_day % 60
    )
}

/// (year, month) of a timestamp.
pub fn year_month(seconds: i64) -> (i64, i64) {
    let (year, month, _) = civil_from_days(seconds.div_euclid(DAY));
    (year, month)
}

/// Days since the epoch of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(
            rfc3339(month_start(2026, 4) + 8 * DAY + 20_455),
            "2026-04-09T05:40:55Z"
        );
        assert_eq!(rfc3339(month_start(2024, 3) - 1), "2024-02-29T23:59:59Z");
        assert_eq!(year_month(month_start(1999, 12)), (1999, 12));
    }

    #[test]
    fn months_wrap_around_years() {
        assert_eq!(add_months(2026, 5, -6), (2025, 11));
        assert_eq!(add_months(2025, 12, 1), (2026, 1));
    }
}
