//! What a version changed, field by field, in the words the product already writes:
//! `name "Backups" → "Nightly backups"`, `when "Every 15 minutes" → "Every hour"`, the
//! zone, the start, the end and the tags — never a JSON diff. Shared by the server, which renders a
//! schedule's history, and any page that shows it.

use super::describe::{describe_calendar, every, format_utc};
use super::{Kind, NewSchedule};
use serde::{Deserialize, Serialize};

/// The parts of a schedule a history tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangedField {
    Name,
    /// The rule: "Every 15 minutes", "Every weekday at 09:00 (Europe/Paris)", "Once".
    When,
    /// A calendar schedule's zone.
    Zone,
    /// `config.timestamp`: a one-time schedule's run, a recurring one's first run or start.
    Start,
    /// `config.until`.
    End,
    Tags,
}

impl ChangedField {
    pub fn label(self) -> &'static str {
        match self {
            ChangedField::Name => "name",
            ChangedField::When => "when",
            ChangedField::Zone => "zone",
            ChangedField::Start => "start",
            ChangedField::End => "end",
            ChangedField::Tags => "tags",
        }
    }
}

/// A field's value as a history shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shown {
    Text(String),
    /// Unix seconds, shown in the viewer's zone.
    Time(i64),
    /// No value: no name, no end, no zone (not a calendar schedule).
    Nothing,
}

/// One field that differs between two versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: ChangedField,
    pub before: Shown,
    pub after: Shown,
}

impl FieldChange {
    /// `name "Backups" → "Nightly backups"`, with times written by `format_time`.
    pub fn words_with(&self, format_time: impl Fn(i64) -> String) -> String {
        let show = |value: &Shown| match value {
            Shown::Text(text) => format!("\u{201c}{text}\u{201d}"),
            Shown::Time(ts) => format_time(*ts),
            Shown::Nothing => "none".to_string(),
        };
        format!("{} {} \u{2192} {}", self.field.label(), show(&self.before), show(&self.after))
    }

    /// [`FieldChange::words_with`] in UTC.
    pub fn words(&self) -> String {
        self.words_with(format_utc)
    }
}

/// The fields that differ from `before` to `after`, in a fixed order (name, when, zone,
/// start, end, tags). Empty when the content is the same (a restore of the current version).
pub fn changes(before: &NewSchedule, after: &NewSchedule) -> Vec<FieldChange> {
    use ChangedField::*;
    [Name, When, Zone, Start, End, Tags]
        .into_iter()
        .filter_map(|field| {
            let (before, after) = (shown(field, before), shown(field, after));
            (before != after).then_some(FieldChange { field, before, after })
        })
        .collect()
}

fn shown(field: ChangedField, schedule: &NewSchedule) -> Shown {
    let config = &schedule.config;
    let time = |ts: Option<i64>| ts.map_or(Shown::Nothing, Shown::Time);
    match field {
        ChangedField::Name => match schedule.name.as_deref().map(str::trim) {
            Some(name) if !name.is_empty() => Shown::Text(name.to_string()),
            _ => Shown::Nothing,
        },
        ChangedField::When => Shown::Text(rule(schedule)),
        ChangedField::Zone => match schedule.kind() {
            Kind::Calendar => {
                Shown::Text(config.timezone.clone().unwrap_or_else(|| super::zones::DEFAULT_ZONE.to_string()))
            }
            Kind::Interval | Kind::Once => Shown::Nothing,
        },
        ChangedField::Start => time(config.timestamp),
        ChangedField::End => time(config.until),
        ChangedField::Tags if schedule.tags.is_empty() => Shown::Nothing,
        ChangedField::Tags => Shown::Text(super::tags::joined(&schedule.tags)),
    }
}

/// A schedule's rule without its start and end (those are fields of their own).
fn rule(schedule: &NewSchedule) -> String {
    let config = &schedule.config;
    match schedule.kind() {
        Kind::Once => "Once".to_string(),
        Kind::Interval => config.period.map_or_else(|| "Incomplete schedule".to_string(), every),
        Kind::Calendar => describe_calendar(config.cron.as_deref().unwrap_or_default(), config.timezone.as_deref()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedules::Config;

    fn interval(name: Option<&str>, period: i64) -> NewSchedule {
        NewSchedule {
            name: name.map(String::from),
            once: false,
            config: Config { period: Some(period), ..Config::default() },
            tags: vec![],
        }
    }

    fn calendar(cron: &str, zone: Option<&str>) -> NewSchedule {
        NewSchedule {
            name: None,
            once: false,
            config: Config { cron: Some(cron.into()), timezone: zone.map(String::from), ..Config::default() },
            tags: vec![],
        }
    }

    fn once(ts: i64) -> NewSchedule {
        NewSchedule {
            once: true,
            config: Config { timestamp: Some(ts), ..Config::default() },
            ..NewSchedule::default()
        }
    }

    fn words(before: &NewSchedule, after: &NewSchedule) -> Vec<String> {
        changes(before, after).iter().map(FieldChange::words).collect()
    }

    #[test]
    fn a_name_and_a_period() {
        assert_eq!(
            words(&interval(Some("Backups"), 900), &interval(Some("Nightly backups"), 3600)),
            [
                "name \u{201c}Backups\u{201d} \u{2192} \u{201c}Nightly backups\u{201d}",
                "when \u{201c}Every 15 minutes\u{201d} \u{2192} \u{201c}Every hour\u{201d}"
            ]
        );
        assert_eq!(
            words(&interval(None, 60), &interval(Some("Named"), 60)),
            ["name none \u{2192} \u{201c}Named\u{201d}"]
        );
        assert_eq!(
            words(&interval(Some("  "), 60), &interval(None, 60)),
            Vec::<String>::new(),
            "a blank name is no name"
        );
        assert!(changes(&interval(Some("Same"), 60), &interval(Some("Same"), 60)).is_empty());
    }

    #[test]
    fn tags_added_changed_and_removed() {
        let tagged =
            |tags: &[&str]| NewSchedule { tags: tags.iter().map(|t| t.to_string()).collect(), ..interval(None, 60) };
        assert_eq!(words(&tagged(&[]), &tagged(&["ops"])), ["tags none \u{2192} \u{201c}ops\u{201d}"]);
        assert_eq!(
            words(&tagged(&["ops"]), &tagged(&["billing", "ops"])),
            ["tags \u{201c}ops\u{201d} \u{2192} \u{201c}billing, ops\u{201d}"]
        );
        assert_eq!(words(&tagged(&["ops"]), &tagged(&[])), ["tags \u{201c}ops\u{201d} \u{2192} none"]);
        assert!(changes(&tagged(&["a", "b"]), &tagged(&["a", "b"])).is_empty());
    }

    #[test]
    fn from_one_kind_to_another() {
        assert_eq!(
            words(&interval(None, 300), &calendar("0 9 * * 1-5", Some("Europe/Paris"))),
            [
                "when \u{201c}Every 5 minutes\u{201d} \u{2192} \u{201c}Every weekday at 09:00 (Europe/Paris)\u{201d}",
                "zone none \u{2192} \u{201c}Europe/Paris\u{201d}",
            ]
        );
        assert_eq!(
            words(&calendar("0 9 * * *", None), &once(1_800_000_000)),
            [
                "when \u{201c}At 09:00 every day (UTC)\u{201d} \u{2192} \u{201c}Once\u{201d}",
                "zone \u{201c}UTC\u{201d} \u{2192} none",
                "start none \u{2192} 2027-01-15 08:00 UTC",
            ]
        );
        assert_eq!(
            words(&once(1_800_000_000), &interval(None, 3600)),
            [
                "when \u{201c}Once\u{201d} \u{2192} \u{201c}Every hour\u{201d}",
                "start 2027-01-15 08:00 UTC \u{2192} none"
            ]
        );
    }

    #[test]
    fn a_zone_a_start_and_an_end() {
        assert_eq!(
            words(&calendar("30 2 * * *", Some("Europe/Paris")), &calendar("30 2 * * *", Some("America/New_York"))),
            [
                "when \u{201c}At 02:30 every day (Europe/Paris)\u{201d} \u{2192} \u{201c}At 02:30 every day (America/New_York)\u{201d}",
                "zone \u{201c}Europe/Paris\u{201d} \u{2192} \u{201c}America/New_York\u{201d}",
            ]
        );
        let mut ending = interval(None, 3600);
        ending.config.until = Some(1_800_000_000);
        assert_eq!(words(&interval(None, 3600), &ending), ["end none \u{2192} 2027-01-15 08:00 UTC"]);
        assert_eq!(words(&ending, &interval(None, 3600)), ["end 2027-01-15 08:00 UTC \u{2192} none"]);
        let moved = once(1_800_003_600);
        assert_eq!(words(&once(1_800_000_000), &moved), ["start 2027-01-15 08:00 UTC \u{2192} 2027-01-15 09:00 UTC"]);
    }
}
