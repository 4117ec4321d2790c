//! UTC timestamps without a date-time dependency: the feeds only need RFC 3339 parsing,
//! calendar dates and ordering, and a bundled time-zone database would cost wasm size.

use std::fmt;

/// Seconds since 1970-01-01T00:00:00Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

/// A proleptic Gregorian calendar date (UTC).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

const SECONDS_PER_DAY: i64 = 86_400;

const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Timestamp {
    /// Parses RFC 3339 / ISO 8601 timestamps as arXiv writes them (`2026-04-09T05:40:55Z`),
    /// with optional fractional seconds and a numeric offset. Returns `None` for anything else.
    pub fn parse_rfc3339(raw: &str) -> Option<Timestamp> {
        let raw = raw.trim();
        let bytes = raw.as_bytes();
        if bytes.len() < 20 || !matches!(bytes[10], b'T' | b't' | b' ') {
            return None;
        }
        let date = Date::parse_iso(&raw[..10])?;
        if bytes[13] != b':' || bytes[16] != b':' {
            return None;
        }
        let hour = digits(&bytes[11..13])? as i64;
        let minute = digits(&bytes[14..16])? as i64;
        let second = digits(&bytes[17..19])? as i64;
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let mut rest = &bytes[19..];
        if let Some(after_dot) = rest.strip_prefix(b".") {
            let fraction_len = after_dot.iter().take_while(|b| b.is_ascii_digit()).count();
            if fraction_len == 0 {
                return None;
            }
            rest = &after_dot[fraction_len..];
        }
        let offset_seconds = match rest {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let hours = digits(&[*h1, *h2])? as i64;
                let minutes = digits(&[*m1, *m2])? as i64;
                if hours > 23 || minutes > 59 {
                    return None;
                }
                let magnitude = hours * 3600 + minutes * 60;
                if *sign == b'-' {
                    -magnitude
                } else {
                    magnitude
                }
            }
            _ => return None,
        };
        let seconds =
            date.days_since_epoch() * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second.min(59);
        Some(Timestamp(seconds - offset_seconds))
    }

    /// Parses RFC 822/2822 dates as RSS writes them: `Thu, 09 Apr 2026 00:00:00 -0400`, with
    /// an optional weekday, optional seconds, and numeric or common named zones.
    pub fn parse_rfc2822(raw: &str) -> Option<Timestamp> {
        let raw = raw.trim();
        let raw = match raw.split_once(',') {
            Some((weekday, rest)) if weekday.trim().chars().all(|c| c.is_ascii_alphabetic()) => {
                rest
            }
            _ => raw,
        };
        let mut parts = raw.split_whitespace();
        let day: u8 = parts.next()?.parse().ok()?;
        let month = parts.next()?.to_ascii_lowercase();
        let month = MONTH_NAMES
            .iter()
            .position(|m| m.eq_ignore_ascii_case(&month))? as u8
            + 1;
        let mut year: i32 = parts.next()?.parse().ok()?;
        if year < 100 {
            year += if year < 50 { 2000 } else { 1900 };
        }
        let time = parts.next()?;
        let mut clock = time.split(':');
        let hour: i64 = clock.next()?.parse().ok()?;
        let minute: i64 = clock.next()?.parse().ok()?;
        let second: i64 = clock.next().map_or(Some(0), |s| s.parse().ok())?;
        if clock.next().is_some() || hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let offset_minutes: i64 = match parts.next().unwrap_or("+0000") {
            "GMT" | "UT" | "UTC" | "Z" => 0,
            "EST" => -5 * 60,
            "EDT" => -4 * 60,
            "CST" => -6 * 60,
            "CDT" => -5 * 60,
            "MST" => -7 * 60,
            "MDT" => -6 * 60,
            "PST" => -8 * 60,
            "PDT" => -7 * 60,
            zone => {
                let (sign, digits) = match zone.as_bytes().first()? {
                    b'+' => (1, &zone[1..]),
                    b'-' => (-1, &zone[1..]),
                    _ => return None,
                };
                if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let value: i64 = digits.parse().ok()?;
                sign * (value / 100 * 60 + value % 100)
            }
        };
        let date = Date { year, month, day };
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        let local =
            date.days_since_epoch() * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second.min(59);
        Some(Timestamp(local - offset_minutes * 60))
    }

    /// The UTC calendar date of this instant.
    pub fn date(self) -> Date {
        Date::from_days_since_epoch(self.0.div_euclid(SECONDS_PER_DAY))
    }

    /// `2026-04-09T05:40:55Z`.
    pub fn to_rfc3339(self) -> String {
        let seconds_of_day = self.0.rem_euclid(SECONDS_PER_DAY);
        format!(
            "{}T{:02}:{:02}:{:02}Z",
            self.date(),
            seconds_of_day / 3600,
            seconds_of_day % 3600 / 60,
            seconds_of_day % 60
        )
    }
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking the day exists in that month.
    pub fn parse_iso(raw: &str) -> Option<Date> {
        let bytes = raw.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year = digits(&bytes[0..4])? as i32;
        let month = digits(&bytes[5..7])? as u8;
        let day = digits(&bytes[8..10])? as u8;
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's `days_from_civil`.
    pub fn days_since_epoch(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month = i64::from(self.month);
        let day_of_year = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5
            + i64::from(self.day)
            - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The inverse of [`Date::days_since_epoch`] (Hinnant's `civil_from_days`).
    pub fn from_days_since_epoch(days: i64) -> Date {
        let shifted = days + 719_468;
        let era = shifted.div_euclid(146_097);
        let day_of_era = shifted - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_index = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u8;
        let month = if month_index < 10 {
            month_index + 3
        } else {
            month_index - 9
        } as u8;
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date {
            year: year as i32,
            month,
            day,
        }
    }

    /// `9 Apr 2026`: unambiguous in every locale, unlike `4/9/2026`.
    pub fn short_label(self) -> String {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let month = MONTHS[usize::from(self.month.clamp(1, 12) - 1)];
        format!("{} {} {}", self.day, month, self.year)
    }

    /// Midnight UTC at the start of this day.
    pub fn start(self) -> Timestamp {
        Timestamp(self.days_since_epoch() * SECONDS_PER_DAY)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parses a run of ASCII digits; `None` if any byte is not a digit.
fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() {
        return None;
    }
    bytes.iter().try_fold(0u32, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_rfc3339_cases() {
        let cases: [(&str, Option<&str>); 9] = [
            ("2026-04-09T05:40:55Z", Some("2026-04-09T05:40:55Z")),
            ("  2026-04-09T05:40:55Z\n", Some("2026-04-09T05:40:55Z")),
            ("2026-04-09T05:40:55.123Z", Some("2026-04-09T05:40:55Z")),
            ("2026-04-09T07:40:55+02:00", Some("2026-04-09T05:40:55Z")),
            ("2026-04-08T23:40:55-06:00", Some("2026-04-09T05:40:55Z")),
            ("1969-12-31T23:59:59Z", Some("1969-12-31T23:59:59Z")),
            ("2026-02-29T00:00:00Z", None),
            ("2026-04-09", None),
            ("yesterday", None),
        ];
        for (input, expected) in cases {
            let parsed = Timestamp::parse_rfc3339(input).map(Timestamp::to_rfc3339);
            assert_eq!(parsed.as_deref(), expected, "input {input:?}");
        }
    }

    #[test]
    fn parse_rfc2822_cases() {
        let cases: [(&str, Option<&str>); 8] = [
            (
                "Thu, 09 Apr 2026 00:00:00 -0400",
                Some("2026-04-09T04:00:00Z"),
            ),
            ("09 Apr 2026 00:00 GMT", Some("2026-04-09T00:00:00Z")),
            (
                "Fri, 10 Apr 2026 23:30:15 +0530",
                Some("2026-04-10T18:00:15Z"),
            ),
            ("Mon, 1 Jan 2024 12:00:00 EST", Some("2024-01-01T17:00:00Z")),
            ("Sun, 31 Feb 2026 00:00:00 GMT", None),
            ("2026-04-09T00:00:00Z", None),
            ("Thu, 09 Foo 2026 00:00:00 GMT", None),
            ("", None),
        ];
        for (input, expected) in cases {
            let parsed = Timestamp::parse_rfc2822(input).map(Timestamp::to_rfc3339);
            assert_eq!(parsed.as_deref(), expected, "input {input:?}");
        }
    }

    #[test]
    fn epoch_and_leap_days() {
        assert_eq!(
            Timestamp::parse_rfc3339("1970-01-01T00:00:00Z"),
            Some(Timestamp(0))
        );
        assert_eq!(
            Timestamp::parse_rfc3339("2024-02-29T12:00:00Z").map(|t| t.date().to_string()),
            Some("2024-02-29".to_string())
        );
    }

    #[test]
    fn short_label_names_the_month() {
        let date = Date::parse_iso("2026-04-09").expect("valid date");
        assert_eq!(date.short_label(), "9 Apr 2026");
        assert_eq!(
            Date::parse_iso("1999-12-31")
                .map(Date::short_label)
                .as_deref(),
            Some("31 Dec 1999")
        );
    }

    #[test]
    fn days_round_trip_over_centuries() {
        for days in (-800_000..800_000).step_by(997) {
            let date = Date::from_days_since_epoch(days);
            assert_eq!(date.days_since_epoch(), days, "{date}");
        }
    }
}
