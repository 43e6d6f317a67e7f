//! Reading a crontab as Vixie cron (and Debian's and cronie's, which grew from it) reads
//! one: line by line, fields separated by spaces or tabs.
//!
//! - Blank lines and `#` comments are skipped; a comment directly above an entry names it
//!   (unless the comment is itself an entry, commented out), else its command does.
//! - `NAME=value` lines (spaces around `=` allowed, the value may be quoted) are skipped;
//!   `CRON_TZ=` and `TZ=` set the zone of the entries after them.
//! - An entry is five time fields or an `@` macro, then (in a system crontab) the user, then
//!   the command; `%` ends the command (what follows is its input) unless escaped as `\%`.
//! - `@reboot` is skipped: it runs when cron starts, not at a time.
//!
//! The time fields are kept as written (single spaces between them): the expression's own
//! rules (`config.cron`'s) are checked with every other rule afterwards.

use super::{imported_tags, name_from, Place, Read, ReadEntry};
use crate::schedules::{Config, NewSchedule};

/// How to read a crontab: user fields or not, the zone before any `CRON_TZ=` line, and the
/// tags every entry gets besides `imported`.
pub struct CrontabReading<'a> {
    pub system: bool,
    pub zone: &'a str,
    pub tags: &'a [String],
}

/// One entry per line.
pub fn read(text: &str, reading: &CrontabReading) -> Vec<ReadEntry> {
    let mut zone = reading.zone.to_string();
    let mut comment_above: Option<String> = None;
    lines(text)
        .enumerate()
        .map(|(index, line)| {
            let place = Place::line(index + 1);
            let (read, comment) = read_line(line, reading, &mut zone, comment_above.take());
            comment_above = comment;
            ReadEntry::new(place, read)
        })
        .collect()
}

/// The lines of `text`, without their line ends (`\n` or `\r\n`); a last line end does not
/// start another line.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let text = text.strip_suffix('\n').unwrap_or(text);
    let empty = text.is_empty();
    text.split('\n').map(|line| line.strip_suffix('\r').unwrap_or(line)).filter(move |_| !empty)
}

/// What one line is, and the comment it leaves for the line below to be named by.
fn read_line(line: &str, reading: &CrontabReading, zone: &mut String, above: Option<String>) -> (Read, Option<String>) {
    let text = line.trim_start_matches([' ', '\t']);
    if text.trim_end().is_empty() {
        return (Read::Skipped("a blank line".into()), None);
    }
    if let Some(comment) = text.strip_prefix('#') {
        let names = !is_entry(comment.trim_start(), reading.system);
        return (Read::Skipped("a comment".into()), names.then(|| comment.trim().to_string()));
    }
    if let Some((name, value)) = environment(text) {
        let skipped = if name == "CRON_TZ" || name == "TZ" {
            *zone = if value.is_empty() { reading.zone.to_string() } else { value };
            format!("{name}: the entries below it are read in {zone}")
        } else {
            format!("sets {name} for the commands (a schedule runs no command, so it has none)")
        };
        return (Read::Skipped(skipped), None);
    }
    let read = match entry(text, reading.system) {
        None => Read::Skipped("@reboot runs once when cron starts, not at a time: nothing to schedule".into()),
        Some(Err(why)) => Read::Error { code: 4, msg: why },
        Some(Ok(Entry { expression, command })) => {
            let name = above.as_deref().and_then(name_from).or_else(|| name_from(&command));
            let timezone = (zone.as_str() != crate::schedules::zones::DEFAULT_ZONE).then(|| zone.clone());
            Read::Schedule(NewSchedule {
                name,
                once: false,
                config: Config { cron: Some(expression), timezone, ..Config::default() },
                tags: imported_tags(reading.tags),
            })
        }
    };
    (read, None)
}

/// Whether `text` is an entry cron would run (a commented-out one names no line below).
fn is_entry(text: &str, system: bool) -> bool {
    match entry(text, system) {
        Some(Ok(entry)) => crate::schedules::cron::Cron::parse(&entry.expression).is_ok(),
        Some(Err(_)) => false,
        None => true,
    }
}

struct Entry {
    expression: String,
    command: String,
}

/// An entry line's expression and command; `None` for `@reboot`. The expression's fields
/// are not checked here (see the module's note), only that there are five and a command.
fn entry(text: &str, system: bool) -> Option<Result<Entry, String>> {
    let (expression, rest) = if text.starts_with('@') {
        let (token, rest) = split_field(text);
        if token.eq_ignore_ascii_case("@reboot") {
            return None;
        }
        (token.to_string(), rest)
    } else {
        let mut fields = Vec::with_capacity(5);
        let mut rest = text;
        while fields.len() < 5 {
            let (field, after) = split_field(rest);
            if field.is_empty() {
                return Some(Err(format!(
                    "has {} time field{} and no command: an entry is five time fields (minute, hour, day of month, month, day of week), {}then the command",
                    fields.len(),
                    if fields.len() == 1 { "" } else { "s" },
                    if system { "the user, " } else { "" }
                )));
            }
            fields.push(field);
            rest = after;
        }
        (fields.join(" "), rest)
    };
    let rest = if system {
        let (user, after) = split_field(rest);
        if user.is_empty() {
            return Some(Err(
                "has no user and no command: a system crontab's entry names the user before the command".into()
            ));
        }
        after
    } else {
        rest
    };
    let command = command(rest);
    if command.trim().is_empty() {
        return Some(Err("has no command after its time fields".into()));
    }
    Some(Ok(Entry { expression, command }))
}

/// The first field of `text` and what follows its separating spaces and tabs.
fn split_field(text: &str) -> (&str, &str) {
    let text = text.trim_start_matches([' ', '\t']);
    let end = text.find([' ', '\t']).unwrap_or(text.len());
    (&text[..end], text[end..].trim_start_matches([' ', '\t']))
}

/// The command as cron runs it: up to the first `%` not escaped as `\%` (what follows is
/// the command's input), with `\%` read as `%`.
fn command(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'%') => {
                out.push('%');
                chars.next();
            }
            '%' => break,
            c => out.push(c),
        }
    }
    out.trim_end().to_string()
}

/// A `NAME=value` line, as Debian's cron reads one: a name (quoted, or up to a space, a tab
/// or `=`), spaces, `=`, spaces, and a value (quoted: what the quotes hold; else the rest of
/// the line without its trailing spaces). Anything else is not one.
fn environment(text: &str) -> Option<(String, String)> {
    let (name, rest) = quoted_or_word(text, |c| c == '=' || c == ' ' || c == '\t')?;
    if name.is_empty() {
        return None;
    }
    let rest = rest.trim_start_matches([' ', '\t']).strip_prefix('=')?;
    let rest = rest.trim_start_matches([' ', '\t']);
    let value = if rest.starts_with(['"', '\'']) {
        let (value, after) = quoted_or_word(rest, |_| false)?;
        if !after.trim().is_empty() {
            return None;
        }
        value
    } else {
        rest.trim_end().to_string()
    };
    Some((name, value))
}

/// A quoted string (without its quotes) and what follows, or the text up to where `ends`.
fn quoted_or_word(text: &str, ends: impl Fn(char) -> bool) -> Option<(String, &str)> {
    match text.chars().next() {
        Some(quote @ ('"' | '\'')) => {
            let inner = &text[1..];
            let close = inner.find(quote)?;
            Some((inner[..close].to_string(), &inner[close + 1..]))
        }
        _ => {
            let end = text.find(&ends).unwrap_or(text.len());
            Some((text[..end].to_string(), &text[end..]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_user(text: &str) -> Vec<Read> {
        read(text, &CrontabReading { system: false, zone: "UTC", tags: &[] }).into_iter().map(|e| e.read).collect()
    }

    fn schedule(read: &Read) -> &NewSchedule {
        match read {
            Read::Schedule(schedule) => schedule,
            other => panic!("not a schedule: {other:?}"),
        }
    }

    #[test]
    fn entries_comments_and_names() {
        let reads = read_user("# Nightly backup\n0 3 * * *\t/usr/local/bin/backup --all\n\n5 4 * * sun echo hi\n");
        assert_eq!(reads.len(), 4);
        let backup = schedule(&reads[1]);
        assert_eq!(backup.name.as_deref(), Some("Nightly backup"));
        assert_eq!(backup.config.cron.as_deref(), Some("0 3 * * *"));
        assert_eq!(backup.config.timezone, None);
        assert_eq!(backup.tags, ["imported"]);
        assert_eq!(reads[2], Read::Skipped("a blank line".into()));
        assert_eq!(schedule(&reads[3]).name.as_deref(), Some("echo hi"), "no comment above: the command");
    }

    #[test]
    fn zones_environment_and_macros() {
        let reads = read_user(
            "MAILTO=paul\nCRON_TZ = \"Europe/Paris\"\n@daily run\n@REBOOT start-up\nTZ=\n@hourly\tx\n@fortnightly y\n",
        );
        assert!(matches!(&reads[0], Read::Skipped(what) if what.contains("sets MAILTO")));
        assert!(matches!(&reads[1], Read::Skipped(what) if what.contains("read in Europe/Paris")));
        let daily = schedule(&reads[2]);
        assert_eq!(
            (daily.config.cron.as_deref(), daily.config.timezone.as_deref()),
            (Some("@daily"), Some("Europe/Paris"))
        );
        assert!(matches!(&reads[3], Read::Skipped(what) if what.starts_with("@reboot")));
        assert_eq!(schedule(&reads[5]).config.timezone, None, "an empty TZ= goes back to the default");
        // An unknown macro is the expression's error, found with the other rules.
        assert_eq!(schedule(&reads[6]).config.cron.as_deref(), Some("@fortnightly"));
    }

    #[test]
    fn commands_end_at_an_unescaped_percent() {
        let reads = read_user("0 22 * * 1-5\tmail -s \"It's 10pm\" joe%Joe,%%Where are your kids?%\n33 22 * * * expr $(date +\\%s) / 60\n");
        assert_eq!(schedule(&reads[0]).name.as_deref(), Some("mail -s \"It's 10pm\" joe"));
        assert_eq!(schedule(&reads[1]).name.as_deref(), Some("expr $(date +%s) / 60"));
    }

    #[test]
    fn a_commented_out_entry_names_nothing() {
        let reads = read_user(
            "# 0 5 * * * old-job\n15 * * * * new-job\n# run five minutes after midnight, every day\n5 0 * * * x\n",
        );
        assert_eq!(schedule(&reads[1]).name.as_deref(), Some("new-job"));
        assert_eq!(schedule(&reads[3]).name.as_deref(), Some("run five minutes after midnight, every day"));
    }

    #[test]
    fn broken_lines_say_why() {
        let reads = read_user("0 3 * *\n0 3 * * *   \n");
        assert!(matches!(&reads[0], Read::Error { code: 4, msg } if msg.contains("has 4 time fields and no command")));
        assert!(matches!(&reads[1], Read::Error { msg, .. } if msg.contains("no command")));
    }

    #[test]
    fn system_crontabs_have_a_user_field() {
        let reading = CrontabReading { system: true, zone: "Europe/Berlin", tags: &["ops".to_string()] };
        let reads: Vec<Read> =
            read("17 *\t* * *\troot\tcd / && run-parts --report /etc/cron.hourly\r\n0 1 * * * root\n", &reading)
                .into_iter()
                .map(|e| e.read)
                .collect();
        let hourly = schedule(&reads[0]);
        assert_eq!(hourly.config.cron.as_deref(), Some("17 * * * *"));
        assert_eq!(hourly.name.as_deref(), Some("cd / && run-parts --report /etc/cron.hourly"));
        assert_eq!(hourly.config.timezone.as_deref(), Some("Europe/Berlin"));
        assert_eq!(hourly.tags, ["imported", "ops"]);
        assert!(matches!(&reads[1], Read::Error { msg, .. } if msg.contains("no command")));
    }

    #[test]
    fn environment_lines() {
        assert_eq!(environment("A=b c "), Some(("A".into(), "b c".into())));
        assert_eq!(environment("'A B' = 'x y'"), Some(("A B".into(), "x y".into())));
        assert_eq!(environment("*/5 * * * * cmd a=b"), None);
        assert_eq!(environment("=x"), None);
        assert_eq!(environment("A='x' y"), None);
    }

    #[test]
    fn lines_are_numbered_from_one() {
        let entries = read("a\r\nb", &CrontabReading { system: false, zone: "UTC", tags: &[] });
        assert_eq!(entries.iter().map(|e| e.place.line).collect::<Vec<_>>(), [Some(1), Some(2)]);
        assert!(read("", &CrontabReading { system: false, zone: "UTC", tags: &[] }).is_empty());
    }
}
