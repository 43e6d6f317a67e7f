//! The form's times as the browser's inputs hold them: `datetime-local` values
//! (`YYYY-MM-DDTHH:MM`) and `time` values (`HH:MM`), read and written in a fixed offset
//! from UTC (the viewer's, which the browser fills in; UTC without JavaScript). The civil
//! calendar arithmetic is cron's own, so the browser carries one date library: none.

use crate::schedules::cron::{days_from_civil, days_in_month, unix_to_wall};
use crate::schedules::validate::{TIMESTAMP_MAX, TIMESTAMP_MIN};

/// Reads a `datetime-local` value (`YYYY-MM-DDTHH:MM[:SS]`) in the zone `offset_minutes`
/// east of UTC as Unix seconds; empty is `None`.
pub fn parse_local(text: &str, offset_minutes: i32) -> Result<Option<i64>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let (year, month, day, hour, minute, second) =
        read_local(text).ok_or_else(|| "enter a date and time like 2027-03-01T14:00".to_string())?;
    let ts = days_from_civil(year, month, day) * 86_400
        + i64::from(hour) * 3_600
        + i64::from(minute) * 60
        + i64::from(second)
        - i64::from(offset_minutes) * 60;
    if !(TIMESTAMP_MIN..=TIMESTAMP_MAX).contains(&ts) {
        return Err("choose a time between the years 2000 and 9999".into());
    }
    Ok(Some(ts))
}

/// `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS`, each part in range.
fn read_local(text: &str) -> Option<(i32, u8, u8, u8, u8, u8)> {
    let bytes = text.as_bytes();
    if !matches!(bytes.len(), 16 | 19) || bytes[4] != b'-' || bytes[7] != b'-' || bytes[10] != b'T' || bytes[13] != b':'
    {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = text.get(range)?;
        part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let second = if bytes.len() == 19 {
        if bytes[16] != b':' {
            return None;
        }
        number(17..19)?
    } else {
        0
    };
    let (year, month, day) = (number(0..4)? as i32, number(5..7)? as u8, number(8..10)? as u8);
    let (hour, minute) = (number(11..13)?, number(14..16)?);
    let valid = (1..=12).contains(&month)
        && (1..=days_in_month(year, month)).contains(&day)
        && hour < 24
        && minute < 60
        && second < 60;
    valid.then_some((year, month, day, hour as u8, minute as u8, second as u8))
}

/// Unix seconds as a `datetime-local` value in the zone `utc_offset_minutes`.
pub fn format_local(ts: i64, utc_offset_minutes: i32) -> String {
    let (year, month, day, hour, minute, _) = unix_to_wall(ts, i64::from(utc_offset(utc_offset_minutes)) * 60);
    if !(1..=9999).contains(&year) {
        return String::new();
    }
    format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}")
}

/// A `time` value, `HH:MM` (24-hour), as (hour, minute).
pub fn parse_time_of_day(text: &str) -> Result<(u32, u32), String> {
    let (hour, minute) = text.trim().split_once(':').ok_or("enter a time like 09:00")?;
    match (hour.parse::<u32>(), minute.get(..2).unwrap_or(minute).parse::<u32>()) {
        (Ok(h), Ok(m)) if h < 24 && m < 60 => Ok((h, m)),
        _ => Err("enter a time like 09:00".into()),
    }
}

/// The offset `minutes` east of UTC, where one can be that large (up to 25:59).
pub fn checked_utc_offset(minutes: i32) -> Option<i32> {
    (minutes.abs() < 26 * 60).then_some(minutes)
}

/// The offset `minutes` east of UTC (0 where no offset is that large): how the form and
/// the browser hand offsets around.
pub fn utc_offset(minutes: i32) -> i32 {
    checked_utc_offset(minutes).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_times_read_and_write() {
        assert_eq!(parse_local("2027-03-01T14:00", 60), Ok(Some(1_803_906_000)));
        assert_eq!(parse_local(" 2027-03-01T14:00:30 ", 0), Ok(Some(1_803_909_630)));
        assert_eq!(parse_local("2028-02-29T00:00", 0), Ok(Some(1_835_395_200)));
        assert_eq!(parse_local("", 0), Ok(None));
        for bad in [
            "2027-02-29T10:00",
            "2027-13-01T10:00",
            "2027-03-01T24:00",
            "2027-03-01 14:00",
            "27-03-01T14:00",
            "2027-03-01T14:0x",
        ] {
            assert_eq!(parse_local(bad, 0), Err("enter a date and time like 2027-03-01T14:00".to_string()), "{bad}");
        }
        assert_eq!(
            parse_local("1999-12-31T23:59", 0),
            Err("choose a time between the years 2000 and 9999".to_string())
        );
        assert_eq!(format_local(1_803_906_000, 60), "2027-03-01T14:00");
        assert_eq!(format_local(1_803_906_000, -330), "2027-03-01T07:30");
        assert_eq!(utc_offset(26 * 60), 0, "no zone is that far from UTC");
    }

    #[test]
    fn times_of_day() {
        assert_eq!(parse_time_of_day("09:30"), Ok((9, 30)));
        assert_eq!(parse_time_of_day(" 23:59:00"), Ok((23, 59)), "a time input may send seconds");
        for bad in ["24:00", "9", "ab:cd", "12:60"] {
            assert!(parse_time_of_day(bad).is_err(), "{bad}");
        }
    }
}
