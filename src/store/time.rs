//! RFC 3339 times in UTC without a date crate: formatting, parsing (any
//! offset, converted to UTC), and the civil-calendar arithmetic behind them.
//! Times are whole seconds since the Unix epoch, from 1970 to year 9999.

use super::civil_from_days;

/// `9999-12-31T23:59:59Z`, the last time RFC 3339 can write.
pub const MAX_UNIX_SECS: i64 = 253_402_300_799;

/// Seconds in a day.
pub const SECS_PER_DAY: i64 = 86_400;

/// Why a text is not an RFC 3339 time.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{text}` is not an RFC 3339 time: {problem} (expected e.g. 2025-06-01T09:30:00Z or 2025-06-01T11:30:00+02:00)"
)]
pub struct TimeError {
    /// The text as given.
    pub text: String,
    /// What is wrong with it.
    pub problem: String,
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`); negative before 1970.
#[must_use]
pub const fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `2025-06-01T14:03:00Z` for a Unix time in seconds (clamped to
/// 1970–9999).
#[must_use]
pub fn format_rfc3339(unix_secs: i64) -> String {
    let secs = unix_secs.clamp(0, MAX_UNIX_SECS);
    let secs_of_day = secs.rem_euclid(SECS_PER_DAY);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        format_date(secs.div_euclid(SECS_PER_DAY)),
        secs_of_day / 3600,
        secs_of_day % 3600 / 60,
        secs_of_day % 60
    )
}

/// `2025-06-01` for a count of days since 1970-01-01 (clamped to
/// 1970–9999).
#[must_use]
pub fn format_date(days: i64) -> String {
    let days = days.clamp(0, MAX_UNIX_SECS / SECS_PER_DAY);
    let (year, month, day) = civil_from_days(days.unsigned_abs());
    format!("{year:04}-{month:02}-{day:02}")
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parses an RFC 3339 date-time (`T`, `t` or a space between date and
/// time; `Z`, `z` or `±HH:MM`; fractions of a second are dropped; a leap
/// second reads as :59) into Unix seconds, UTC.
///
/// # Errors
/// [`TimeError`] saying which part is wrong, also for times before 1970.
pub fn parse_rfc3339(text: &str) -> Result<i64, TimeError> {
    let fail = |problem: &str| TimeError {
        text: text.to_owned(),
        problem: problem.to_owned(),
    };
    let b = text.trim().as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(range)?;
        if part.iter().all(u8::is_ascii_digit) {
            Some(part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
        } else {
            None
        }
    };
    if b.len() < 19 {
        return Err(fail("it is too short for a date and a time"));
    }
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return Err(fail("the date must be YYYY-MM-DD"));
    };
    if b[4] != b'-' || b[7] != b'-' {
        return Err(fail("the date must be YYYY-MM-DD"));
    }
    if !matches!(b[10], b'T' | b't' | b' ') {
        return Err(fail("the date and the time must be separated by `T`"));
    }
    let (Some(hour), Some(minute), Some(second)) = (digits(11..13), digits(14..16), digits(17..19))
    else {
        return Err(fail("the time must be HH:MM:SS"));
    };
    if b[13] != b':' || b[16] != b':' {
        return Err(fail("the time must be HH:MM:SS"));
    }
    let year = i64::from(year);
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Err(fail("there is no such date"));
    }
    if hour > 23 || minute > 59 || second > 60 {
        return Err(fail("there is no such time of day"));
    }
    let mut rest = &b[19..];
    if let Some(fraction) = rest.strip_prefix(b".") {
        let len = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
        if len == 0 {
            return Err(fail("a `.` must be followed by digits"));
        }
        rest = &fraction[len..];
    }
    let offset_secs = match rest {
        b"Z" | b"z" => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let parts = [*h1, *h2, *m1, *m2];
            if !parts.iter().all(u8::is_ascii_digit) {
                return Err(fail("the offset must be Z or ±HH:MM"));
            }
            let hours = i64::from((h1 - b'0') * 10 + (h2 - b'0'));
            let minutes = i64::from((m1 - b'0') * 10 + (m2 - b'0'));
            if hours > 23 || minutes > 59 {
                return Err(fail("the offset must be Z or ±HH:MM"));
            }
            let secs = hours * 3600 + minutes * 60;
            if *sign == b'-' { -secs } else { secs }
        }
        [] => return Err(fail("it has no offset; add Z for UTC")),
        _ => return Err(fail("the offset must be Z or ±HH:MM")),
    };
    let local = days_from_civil(year, month, day) * SECS_PER_DAY
        + i64::from(hour) * 3600
        + i64::from(minute) * 60
        + i64::from(second.min(59));
    let utc = local - offset_secs;
    if utc < 0 {
        return Err(fail("times before 1970 are not supported"));
    }
    if utc > MAX_UNIX_SECS {
        return Err(fail("times after 9999 are not supported"));
    }
    Ok(utc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_utc() {
        assert_eq!(format_rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_rfc3339(1_748_786_580), "2025-06-01T14:03:00Z");
        assert_eq!(format_rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(format_rfc3339(MAX_UNIX_SECS), "9999-12-31T23:59:59Z");
        assert_eq!(parse_rfc3339("2025-06-01T14:03:00Z"), Ok(1_748_786_580));
        assert_eq!(parse_rfc3339("2025-06-01t14:03:00.999z"), Ok(1_748_786_580));
        assert_eq!(parse_rfc3339("2025-06-01 14:03:00Z"), Ok(1_748_786_580));
        for secs in [0, 1, 59, 86_399, 86_400, 951_782_400, 4_107_542_399] {
            assert_eq!(parse_rfc3339(&format_rfc3339(secs)), Ok(secs));
        }
    }

    #[test]
    fn offsets_are_converted_to_utc() {
        assert_eq!(
            parse_rfc3339("2025-06-01T16:03:00+02:00"),
            Ok(1_748_786_580)
        );
        assert_eq!(
            parse_rfc3339("2025-06-01T09:03:00-05:00"),
            Ok(1_748_786_580)
        );
        assert_eq!(
            parse_rfc3339("2025-06-01T00:30:00+05:30").map(format_rfc3339),
            Ok("2025-05-31T19:00:00Z".to_owned())
        );
    }

    #[test]
    fn days_match_the_calendar() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        for days in [0_i64, 59, 365, 11_016, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days.unsigned_abs());
            let (Ok(y), Ok(m), Ok(d)) = (i64::try_from(y), u32::try_from(m), u32::try_from(d))
            else {
                panic!("out of range")
            };
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(format_date(20_240), "2025-06-01");
    }

    #[test]
    fn bad_times_say_what_is_wrong() {
        let problem = |text: &str| parse_rfc3339(text).err().map(|e| e.problem);
        assert_eq!(
            problem("tomorrow").as_deref(),
            Some("it is too short for a date and a time")
        );
        assert_eq!(
            problem("2025-06-01").as_deref(),
            Some("it is too short for a date and a time")
        );
        assert_eq!(
            problem("2025-02-29T10:00:00Z").as_deref(),
            Some("there is no such date")
        );
        assert_eq!(
            problem("2025-06-01T24:00:00Z").as_deref(),
            Some("there is no such time of day")
        );
        assert_eq!(
            problem("2025-06-01T10:00:00").as_deref(),
            Some("it has no offset; add Z for UTC")
        );
        assert_eq!(
            problem("2025-06-01T10:00:00+2").as_deref(),
            Some("the offset must be Z or ±HH:MM")
        );
        assert_eq!(
            problem("1969-12-31T23:59:59Z").as_deref(),
            Some("times before 1970 are not supported")
        );
        assert_eq!(
            problem("2025/06/01T10:00:00Z").as_deref(),
            Some("the date must be YYYY-MM-DD")
        );
        let Err(e) = parse_rfc3339("soon-ish, at noon") else {
            panic!("accepted")
        };
        assert!(
            e.to_string()
                .starts_with("`soon-ish, at noon` is not an RFC 3339 time"),
            "{e}"
        );
    }
}
