//! (beyond) A user's schedules as a file to keep or to bring elsewhere: a JSON bundle (what
//! an import reads back), or a crontab of the calendar schedules.

use super::describe::{describe, format_utc};
use super::{Config, Kind, NewSchedule, Schedule};
use serde::{Deserialize, Serialize};

/// What a bundle calls its format, and the version of that format.
pub const BUNDLE_FORMAT: &str = "kragle-schedules";
pub const BUNDLE_VERSION: i64 = 1;

/// At most this many schedules in one export (the oldest first).
pub const EXPORT_MAX: i64 = 100_000;

/// The two files an export makes (the `format` parameter's values, in the document too).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Json,
    Crontab,
}

impl ExportFormat {
    pub fn parse(text: &str) -> Option<ExportFormat> {
        match text {
            "json" => Some(ExportFormat::Json),
            "crontab" => Some(ExportFormat::Crontab),
            _ => None,
        }
    }
}

/// The JSON export: `{"format", "version", "exported_at", "schedules"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Bundle {
    /// Always `kragle-schedules`.
    pub format: String,
    /// Always 1.
    pub version: i64,
    /// When it was made, Unix seconds.
    pub exported_at: i64,
    /// The schedules, oldest first, without their ids (an import makes new ones).
    pub schedules: Vec<BundledSchedule>,
}

/// A schedule in a bundle: what creating it again needs. `tags` is always there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct BundledSchedule {
    pub name: Option<String>,
    pub once: bool,
    pub config: Config,
    pub tags: Vec<String>,
}

impl From<&NewSchedule> for BundledSchedule {
    fn from(schedule: &NewSchedule) -> Self {
        BundledSchedule {
            name: schedule.name.clone(),
            once: schedule.once,
            config: schedule.config.clone(),
            tags: schedule.tags.clone(),
        }
    }
}

impl From<BundledSchedule> for NewSchedule {
    fn from(schedule: BundledSchedule) -> Self {
        NewSchedule { name: schedule.name, once: schedule.once, config: schedule.config, tags: schedule.tags }
    }
}

impl Bundle {
    pub fn new(schedules: &[Schedule], exported_at: i64) -> Bundle {
        Bundle {
            format: BUNDLE_FORMAT.into(),
            version: BUNDLE_VERSION,
            exported_at,
            schedules: schedules.iter().map(|s| BundledSchedule::from(&s.content())).collect(),
        }
    }
}

/// The calendar schedules as crontab lines, under a `CRON_TZ=` line per zone (as cronie and
/// other crons that know zones read it), each after a comment with its name; interval and
/// one-time schedules as comments saying why they are not lines. A line's command is `:`
/// (the shell's "do nothing") followed by the schedule's id: installing the file runs
/// nothing until someone writes the real commands.
pub fn crontab(schedules: &[Schedule], exported_at: i64) -> String {
    let mut calendar: Vec<&Schedule> = schedules.iter().filter(|s| s.content().kind() == Kind::Calendar).collect();
    calendar.sort_by(|a, b| (zone_of(a), a.id).cmp(&(zone_of(b), b.id)));
    let others: Vec<&Schedule> = schedules.iter().filter(|s| s.content().kind() != Kind::Calendar).collect();
    let mut out = format!(
        "# Kragle Schedules export, {}: {} calendar schedule(s) as crontab lines",
        format_utc(exported_at),
        calendar.len()
    );
    if !others.is_empty() {
        out.push_str(&format!(", {} other(s) as comments at the end", others.len()));
    }
    out.push_str(".\n# Each line's command is `:` (does nothing): write the real one in its place.\n");
    let mut zone = None;
    for schedule in calendar {
        if zone != Some(zone_of(schedule)) {
            zone = Some(zone_of(schedule));
            out.push_str(&format!("\nCRON_TZ={}\n", zone_of(schedule)));
        }
        // Its name directly above it, where an import takes a line's name from.
        if let Some(name) = &schedule.name {
            out.push_str(&format!("# {name}\n"));
        }
        let config = &schedule.config;
        // A start or end a crontab cannot say, as a shell comment after the command.
        let window = match (config.timestamp, config.until) {
            (None, None) => String::new(),
            (start, end) => format!(
                " #{}{}, which a crontab cannot say",
                start.map_or(String::new(), |ts| format!(" starts {}", format_utc(ts))),
                end.map_or(String::new(), |ts| format!(" ends {}", format_utc(ts)))
            ),
        };
        out.push_str(&format!(
            "{} : kragle schedule {}{window}\n",
            config.cron.as_deref().unwrap_or_default(),
            schedule.id
        ));
    }
    if !others.is_empty() {
        out.push_str("\n# Not crontab lines: cron runs at times of day, not every N seconds from a start, nor once.\n");
        for schedule in others {
            out.push_str(&format!("# {}: {}\n", title(schedule), describe(&schedule.content())));
        }
    }
    out
}

fn zone_of(schedule: &Schedule) -> &str {
    schedule.config.timezone.as_deref().unwrap_or(super::zones::DEFAULT_ZONE)
}

/// `Weekly report (schedule 17)`, or `schedule 17` without a name.
fn title(schedule: &Schedule) -> String {
    match &schedule.name {
        Some(name) => format!("{name} (schedule {})", schedule.id),
        None => format!("schedule {}", schedule.id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schedule(id: i64, name: Option<&str>, config: Config) -> Schedule {
        Schedule { id, name: name.map(String::from), once: false, config, tags: vec![] }
    }

    #[test]
    fn a_crontab_groups_calendar_schedules_by_zone_and_explains_the_others() {
        let cron = |expr: &str, zone: Option<&str>| Config {
            cron: Some(expr.into()),
            timezone: zone.map(String::from),
            ..Config::default()
        };
        let schedules = vec![
            schedule(1, Some("Paris report"), cron("30 9 * * 1", Some("Europe/Paris"))),
            schedule(2, None, Config { period: Some(900), ..Config::default() }),
            schedule(3, None, cron("0 3 * * *", None)),
            schedule(
                4,
                Some("Paris end"),
                Config { until: Some(1_893_456_000), ..cron("0 18 * * 1-5", Some("Europe/Paris")) },
            ),
        ];
        let text = crontab(&schedules, 1_803_909_600);
        assert_eq!(
            text,
            "# Kragle Schedules export, 2027-03-01 14:00 UTC: 3 calendar schedule(s) as crontab lines, 1 other(s) as comments at the end.\n\
             # Each line's command is `:` (does nothing): write the real one in its place.\n\
             \n\
             CRON_TZ=Europe/Paris\n\
             # Paris report\n\
             30 9 * * 1 : kragle schedule 1\n\
             # Paris end\n\
             0 18 * * 1-5 : kragle schedule 4 # ends 2030-01-01 00:00 UTC, which a crontab cannot say\n\
             \n\
             CRON_TZ=UTC\n\
             0 3 * * * : kragle schedule 3\n\
             \n\
             # Not crontab lines: cron runs at times of day, not every N seconds from a start, nor once.\n\
             # schedule 2: Every 15 minutes\n"
        );
    }

    #[test]
    fn a_bundle_always_carries_tags() {
        let bundle = Bundle::new(&[schedule(7, None, Config { period: Some(60), ..Config::default() })], 5);
        let json = serde_json::to_value(&bundle).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"format": "kragle-schedules", "version": 1, "exported_at": 5,
                "schedules": [{"name": null, "once": false, "config": {"period": 60}, "tags": []}]})
        );
    }
}
