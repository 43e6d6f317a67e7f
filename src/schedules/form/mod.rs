//! The schedule form of the UI, turned into a [`NewSchedule`] and checked with the same
//! rules as the API. Pure, for both targets: the browser checks as you type; on submit the
//! server reads the fields and the service checks the rules.
//!
//! The form's choices are typed ([`choices`]); what is typed by hand stays text as the
//! browser holds it (a number being typed, a time half entered) and is read when the
//! schedule is made, each problem on its field. The form travels as the fields the browser
//! posts (`form[kind]=once`, `form[mon]=on`): a plain POST, the server function's
//! arguments and the page it sends back after a refusal all carry that one shape.

pub mod choices;
pub mod datetime_local;

use super::tags;
use super::validate::{check, Field, FieldError};
use super::{Config, Kind, NewSchedule};
use choices::{FormKind, Repeat, Unit, Weekday, WeekdaySet};
use datetime_local::{checked_utc_offset, format_local, parse_local, parse_time_of_day};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "PostedFields", into = "PostedFields")]
pub struct ScheduleForm {
    pub name: String,
    /// The tags as typed, separated by commas (`billing, team-eu`).
    pub tags: String,
    pub kind: FormKind,
    /// How many `unit`s between runs (recurring), as typed.
    pub every: String,
    /// `None` when what was posted is no unit.
    pub unit: Option<Unit>,
    /// Optional first run of a recurring schedule, `YYYY-MM-DDTHH:MM` in the viewer's zone.
    pub first_run: String,
    /// The run of a one-time schedule, `YYYY-MM-DDTHH:MM` in the viewer's zone.
    pub run_at: String,
    /// Optional end of a recurring schedule (`until`), `YYYY-MM-DDTHH:MM` in the viewer's zone.
    pub ends: String,
    /// Calendar: the builder's shape.
    pub repeat: Repeat,
    /// Calendar: the time of day, `HH:MM`, in `timezone` (all shapes but `Advanced`).
    pub at_time: String,
    /// Calendar, `Weekly`: the days it runs on.
    pub weekdays: WeekdaySet,
    /// Calendar, `Monthly` and `Yearly`: 1 to 31, as typed.
    pub day_of_month: String,
    /// Calendar, `Yearly`: 1 to 12.
    pub month: String,
    /// Calendar, `Advanced`: the expression as typed.
    pub cron: String,
    /// Calendar: the IANA zone the times are in.
    pub timezone: String,
    /// The viewer's offset from UTC in minutes (east positive), filled in by the browser;
    /// empty without JavaScript, when times are read as UTC.
    pub utc_offset_minutes: String,
}

/// The form as posted: each field's name (`kind`, `mon`...) and its text.
type PostedFields = BTreeMap<String, String>;

/// The names the form's fields are posted under (`form[<name>]`), in the form's order; a
/// weekday's checkbox is posted under the day's own name.
const FIELD_NAMES: [&str; 22] = [
    "name",
    "tags",
    "kind",
    "every",
    "unit",
    "first_run",
    "run_at",
    "ends",
    "repeat",
    "at_time",
    "sun",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "day_of_month",
    "month",
    "cron",
    "timezone",
    "utc_offset_minutes",
];

impl From<PostedFields> for ScheduleForm {
    fn from(fields: PostedFields) -> Self {
        let mut form = ScheduleForm::default();
        for (name, value) in fields {
            form.set(&name, value);
        }
        form
    }
}

impl From<ScheduleForm> for PostedFields {
    fn from(form: ScheduleForm) -> Self {
        FIELD_NAMES.into_iter().map(|name| (name.to_string(), form.get(name))).collect()
    }
}

impl ScheduleForm {
    pub fn is_once(&self) -> bool {
        self.kind == FormKind::Once
    }

    /// The field posted under `name`, as the browser would post it (`on` for a ticked day).
    fn get(&self, name: &str) -> String {
        match name {
            "name" => self.name.clone(),
            "tags" => self.tags.clone(),
            "kind" => self.kind.key().to_string(),
            "every" => self.every.clone(),
            "unit" => self.unit.map_or("", Unit::key).to_string(),
            "first_run" => self.first_run.clone(),
            "run_at" => self.run_at.clone(),
            "ends" => self.ends.clone(),
            "repeat" => self.repeat.key().to_string(),
            "at_time" => self.at_time.clone(),
            "day_of_month" => self.day_of_month.clone(),
            "month" => self.month.clone(),
            "cron" => self.cron.clone(),
            "timezone" => self.timezone.clone(),
            "utc_offset_minutes" => self.utc_offset_minutes.clone(),
            day => match Weekday::from_key(day) {
                Some(day) if self.weekdays.contains(day) => "on".to_string(),
                _ => String::new(),
            },
        }
    }

    /// Sets the field posted under `name` (`kind`, or `form[kind]`) from the text posted
    /// for it: an unknown kind or shape is the first one, an unknown unit none (which the
    /// form reports), and an unknown name changes nothing.
    pub fn set(&mut self, name: &str, value: String) {
        let name = name.strip_prefix("form[").and_then(|n| n.strip_suffix(']')).unwrap_or(name);
        match name {
            "name" => self.name = value,
            "tags" => self.tags = value,
            "kind" => self.kind = FormKind::from_key(&value).unwrap_or_default(),
            "every" => self.every = value,
            "unit" => self.unit = Unit::from_key(&value),
            "first_run" => self.first_run = value,
            "run_at" => self.run_at = value,
            "ends" => self.ends = value,
            "repeat" => self.repeat = Repeat::from_key(&value).unwrap_or_default(),
            "at_time" => self.at_time = value,
            "day_of_month" => self.day_of_month = value,
            "month" => self.month = value,
            "cron" => self.cron = value,
            "timezone" => self.timezone = value,
            "utc_offset_minutes" => self.utc_offset_minutes = value,
            day => {
                if let Some(day) = Weekday::from_key(day) {
                    self.weekdays.set(day, !value.is_empty());
                }
            }
        }
    }

    /// The time the schedule's offset is chosen at: its run, or its first run.
    pub fn chosen_time(&self) -> &str {
        if self.is_once() {
            &self.run_at
        } else {
            &self.first_run
        }
    }

    /// The cron expression the calendar fields spell: built from the chosen shape and
    /// time, or the expression typed in `Advanced`.
    pub fn cron_expression(&self) -> Result<String, String> {
        if self.repeat == Repeat::Advanced {
            return Ok(self.cron.trim().to_string());
        }
        let (hour, minute) = parse_time_of_day(&self.at_time)?;
        let number = |text: &str, max: u32, what: &str| {
            text.trim()
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=max).contains(n))
                .ok_or_else(|| format!("choose the {what}"))
        };
        Ok(match self.repeat {
            Repeat::Daily | Repeat::Advanced => format!("{minute} {hour} * * *"),
            Repeat::Weekdays => format!("{minute} {hour} * * 1-5"),
            Repeat::Weekly => {
                if self.weekdays.is_empty() {
                    return Err("choose at least one day".into());
                }
                let days: Vec<String> = self.weekdays.days().map(|d| d.number().to_string()).collect();
                format!("{minute} {hour} * * {}", days.join(","))
            }
            Repeat::Monthly => format!("{minute} {hour} {} * *", number(&self.day_of_month, 31, "day of the month")?),
            Repeat::Yearly => format!(
                "{minute} {hour} {} {} *",
                number(&self.day_of_month, 31, "day of the month")?,
                number(&self.month, 12, "month")?
            ),
        })
    }

    /// The schedule the form describes, or every problem with it, each on its field: what
    /// the browser shows as you type.
    pub fn to_schedule(&self) -> Result<NewSchedule, Vec<FieldError>> {
        let schedule = self.read()?;
        let errors = check(&schedule);
        if errors.is_empty() {
            Ok(schedule)
        } else {
            Err(errors)
        }
    }

    /// The schedule the fields spell, before the rules: what the server function hands to
    /// the service, which checks the rules once. A field that cannot be read (not a number,
    /// not a time) is an error here, with the rules about the fields that could be.
    pub fn read(&self) -> Result<NewSchedule, Vec<FieldError>> {
        let mut errors = Vec::new();
        let offset = self.offset().unwrap_or_else(|e| {
            errors.push(e);
            0
        });
        let name = self.name.trim();
        let name = (!name.is_empty()).then(|| name.to_string());
        let mut config = Config::default();
        if !self.is_once() {
            match parse_local(&self.ends, offset) {
                Ok(ends) => config.until = ends,
                Err(message) => errors.push(field_error(Field::Until, format!("Ends: {message}"))),
            }
        }
        match self.kind {
            FormKind::Calendar => {
                match self.cron_expression() {
                    Ok(cron) => config.cron = Some(cron),
                    Err(message) => errors.push(field_error(Field::Cron, format!("At: {message}"))),
                }
                let zone = self.timezone.trim();
                config.timezone = (!zone.is_empty()).then(|| zone.to_string());
                match parse_local(&self.first_run, offset) {
                    Ok(first) => config.timestamp = first,
                    Err(message) => errors.push(field_error(Field::Timestamp, format!("Starts: {message}"))),
                }
            }
            FormKind::Once => match parse_local(&self.run_at, offset) {
                Ok(Some(ts)) => config.timestamp = Some(ts),
                Ok(None) => {
                    errors.push(field_error(Field::Timestamp, "Runs once at: choose the date and time it runs"))
                }
                Err(message) => errors.push(field_error(Field::Timestamp, format!("Runs once at: {message}"))),
            },
            FormKind::Recurring => {
                match self.period() {
                    Ok(period) => config.period = Some(period),
                    Err(message) => errors.push(field_error(Field::Period, format!("Runs every: {message}"))),
                }
                match parse_local(&self.first_run, offset) {
                    Ok(first) => config.timestamp = first,
                    Err(message) => errors.push(field_error(Field::Timestamp, format!("First run: {message}"))),
                }
            }
        }
        let tags = tags::split_typed(&self.tags);
        let schedule = NewSchedule { name, once: self.is_once(), config, tags };
        if errors.is_empty() {
            return Ok(schedule);
        }
        // Rules about fields that did parse still help.
        errors.extend(
            check(&schedule).into_iter().filter(|e| matches!(e.field, Field::Name | Field::Timezone | Field::Tags)),
        );
        Err(errors)
    }

    fn period(&self) -> Result<i64, String> {
        let amount: i64 = self.every.trim().parse().map_err(|_| "enter a whole number".to_string())?;
        let unit = self.unit.ok_or("choose a unit")?;
        amount.checked_mul(unit.seconds()).ok_or_else(|| "that period is too long".to_string())
    }

    /// The offset the form's times are shown in: the viewer's, or UTC's where none (or
    /// none that can be) was given.
    pub fn shown_offset(&self) -> i32 {
        self.offset().unwrap_or(0)
    }

    /// The viewer's offset in minutes east of UTC (0 without JavaScript).
    fn offset(&self) -> Result<i32, FieldError> {
        let text = self.utc_offset_minutes.trim();
        if text.is_empty() {
            return Ok(0);
        }
        text.parse::<i32>()
            .ok()
            .and_then(checked_utc_offset)
            .ok_or_else(|| field_error(Field::Body, "the time zone offset is not valid"))
    }

    /// The form showing `schedule`, with times in the zone `utc_offset_minutes`.
    pub fn from_schedule(schedule: &NewSchedule, utc_offset_minutes: i32) -> Self {
        let period = schedule.config.period.unwrap_or(3_600);
        let unit = Unit::largest_dividing(period);
        let local = |ts: Option<i64>| ts.map(|ts| format_local(ts, utc_offset_minutes)).unwrap_or_default();
        let kind = match schedule.kind() {
            Kind::Once => FormKind::Once,
            Kind::Calendar => FormKind::Calendar,
            Kind::Interval => FormKind::Recurring,
        };
        let form = ScheduleForm {
            name: schedule.name.clone().unwrap_or_default(),
            tags: tags::joined(&schedule.tags),
            kind,
            every: (period / unit.seconds()).to_string(),
            unit: Some(unit),
            first_run: if schedule.once { String::new() } else { local(schedule.config.timestamp) },
            run_at: if schedule.once { local(schedule.config.timestamp) } else { String::new() },
            ends: local(schedule.config.until),
            timezone: schedule.config.timezone.clone().unwrap_or_default(),
            utc_offset_minutes: utc_offset_minutes.to_string(),
            ..ScheduleForm::blank()
        };
        match &schedule.config.cron {
            Some(cron) => form.with_calendar_fields(cron),
            None => form,
        }
    }

    /// The builder's fields for an expression it can spell exactly (so saving it back
    /// writes the same text), else the expression in the advanced field.
    fn with_calendar_fields(self, cron: &str) -> Self {
        let fields: Vec<&str> = cron.split(' ').collect();
        if let [minute, hour, day, month, weekdays] = fields.as_slice() {
            let at_time = match (minute.parse::<u32>(), hour.parse::<u32>()) {
                (Ok(m), Ok(h)) if m < 60 && h < 24 => format!("{h:02}:{m:02}"),
                _ => String::new(),
            };
            let mut form =
                ScheduleForm { at_time, day_of_month: day.to_string(), month: month.to_string(), ..self.clone() };
            form.repeat = match (*day, *month, *weekdays) {
                ("*", "*", "*") => Repeat::Daily,
                ("*", "*", "1-5") => Repeat::Weekdays,
                ("*", "*", list) => {
                    form.weekdays = WeekdaySet::of(
                        list.split(',').filter_map(|d| d.parse::<u8>().ok()).filter_map(Weekday::from_number),
                    );
                    Repeat::Weekly
                }
                (_, "*", "*") => Repeat::Monthly,
                (_, _, "*") => Repeat::Yearly,
                _ => Repeat::Advanced,
            };
            if !form.repeat.has_day_of_month() {
                form.day_of_month = "1".into();
            }
            if form.repeat != Repeat::Yearly {
                form.month = "1".into();
            }
            if form.repeat != Repeat::Advanced && form.cron_expression().as_deref() == Ok(cron) {
                return ScheduleForm { cron: cron.to_string(), ..form };
            }
        }
        ScheduleForm { repeat: Repeat::Advanced, cron: cron.to_string(), ..self }
    }

    /// The form's fields as the browser posts them (`form[name]`, ...), so a page can be
    /// sent back to with what the user typed.
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        FIELD_NAMES.into_iter().map(|name| (format!("form[{name}]"), self.get(name))).collect()
    }

    /// The form [`to_pairs`](Self::to_pairs) wrote, when the URL carries one.
    pub fn from_pairs(get: impl Fn(&str) -> Option<String>) -> Option<Self> {
        get("form[kind]")?;
        let mut form = ScheduleForm::default();
        for name in FIELD_NAMES {
            form.set(name, get(&format!("form[{name}]")).unwrap_or_default());
        }
        Some(form)
    }

    /// An empty form for a new schedule: recurring, hourly; at set times, every day at 09:00
    /// UTC (the editor puts the viewer's zone in once it knows it).
    pub fn blank() -> Self {
        ScheduleForm {
            kind: FormKind::Recurring,
            every: "1".into(),
            unit: Some(Unit::Hours),
            repeat: Repeat::Daily,
            at_time: "09:00".into(),
            weekdays: WeekdaySet::of([Weekday::MONDAY]),
            day_of_month: "1".into(),
            month: "1".into(),
            timezone: super::zones::DEFAULT_ZONE.into(),
            ..Default::default()
        }
    }
}

fn field_error(field: Field, message: impl Into<String>) -> FieldError {
    FieldError::form_only(field, message)
}

/// The first message about `field`, in the form's words, for showing next to it.
pub fn error_for(errors: &[FieldError], field: Field) -> Option<String> {
    errors.iter().find(|e| e.field == field).map(|e| e.form_message.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recurring_form() {
        let form = ScheduleForm {
            name: " Backup ".into(),
            every: "5".into(),
            unit: Some(Unit::Minutes),
            ..ScheduleForm::blank()
        };
        let s = form.to_schedule().unwrap();
        assert_eq!(
            s,
            NewSchedule {
                name: Some("Backup".into()),
                once: false,
                config: Config { period: Some(300), timestamp: None, ..Config::default() },
                tags: vec![],
            }
        );
    }

    #[test]
    fn one_time_in_a_zone() {
        let form = ScheduleForm {
            kind: FormKind::Once,
            run_at: "2027-03-01T15:00".into(),
            utc_offset_minutes: "60".into(),
            ..ScheduleForm::blank()
        };
        assert_eq!(form.to_schedule().unwrap().config.timestamp, Some(1_803_909_600));
        let back = ScheduleForm::from_schedule(&form.to_schedule().unwrap(), 60);
        assert_eq!(back.run_at, "2027-03-01T15:00");
    }

    #[test]
    fn errors_land_on_their_fields() {
        let form = ScheduleForm { every: "30".into(), unit: Some(Unit::Seconds), ..ScheduleForm::blank() };
        let errors = form.to_schedule().unwrap_err();
        assert!(error_for(&errors, Field::Period).is_some());
        let form = ScheduleForm { every: "x".into(), name: "a\tb".into(), ..ScheduleForm::blank() };
        let errors = form.to_schedule().unwrap_err();
        assert!(error_for(&errors, Field::Period).is_some() && error_for(&errors, Field::Name).is_some());
        let form = ScheduleForm { kind: FormKind::Once, ..ScheduleForm::blank() };
        assert!(error_for(&form.to_schedule().unwrap_err(), Field::Timestamp).is_some());
    }

    #[test]
    fn tags_are_typed_with_commas_and_checked_beside_other_problems() {
        let form = ScheduleForm { tags: "billing, Team-EU,".into(), ..ScheduleForm::blank() };
        assert_eq!(form.to_schedule().unwrap().tags, vec!["billing", "Team-EU"]);
        let form = ScheduleForm { every: "x".into(), tags: "two words".into(), ..ScheduleForm::blank() };
        let errors = form.to_schedule().unwrap_err();
        assert!(error_for(&errors, Field::Period).is_some());
        assert_eq!(
            error_for(&errors, Field::Tags).as_deref(),
            Some("Tags: tag `two words` has a space: tags are letters a–z, digits and - _ . : / only")
        );
        let stored = NewSchedule {
            name: None,
            once: false,
            config: Config { period: Some(300), ..Config::default() },
            tags: vec!["billing".into(), "ops".into()],
        };
        let back = ScheduleForm::from_schedule(&stored, 0);
        assert_eq!(back.tags, "billing, ops");
        assert_eq!(PostedFields::from(back.clone()).get("tags").map(String::as_str), Some("billing, ops"));
        assert_eq!(ScheduleForm::from(PostedFields::from(back.clone())), back);
    }

    #[test]
    fn the_form_speaks_of_its_own_fields() {
        let form = ScheduleForm { every: "30".into(), unit: Some(Unit::Seconds), ..ScheduleForm::blank() };
        let errors = form.to_schedule().unwrap_err();
        assert_eq!(
            error_for(&errors, Field::Period).as_deref(),
            Some("Runs every: at least 1 minute, at most 366 days")
        );
        // The same rule, checked by the same code, in the API's words.
        assert_eq!(errors[0].message, "config.period must be between 60 and 31622400 seconds (one minute to 366 days)");
        let form = ScheduleForm { name: "a\tb".into(), ..ScheduleForm::blank() };
        assert_eq!(
            error_for(&form.to_schedule().unwrap_err(), Field::Name).as_deref(),
            Some("Name: no line breaks, tabs or other control characters")
        );
        let form = ScheduleForm { kind: FormKind::Once, ..ScheduleForm::blank() };
        assert_eq!(
            error_for(&form.to_schedule().unwrap_err(), Field::Timestamp).as_deref(),
            Some("Runs once at: choose the date and time it runs")
        );
    }

    #[test]
    fn pairs_round_trip() {
        let form = ScheduleForm {
            name: "a & b".into(),
            kind: FormKind::Once,
            run_at: "2027-03-01T15:00".into(),
            ..ScheduleForm::blank()
        };
        let pairs: std::collections::HashMap<_, _> = form.to_pairs().into_iter().collect();
        assert_eq!(ScheduleForm::from_pairs(|k| pairs.get(k).cloned()), Some(form));
        assert_eq!(ScheduleForm::from_pairs(|_| None), None);
    }

    #[test]
    fn every_field_travels_as_posted() {
        let form = ScheduleForm {
            name: "Backups".into(),
            tags: "ops, billing".into(),
            kind: FormKind::Calendar,
            every: "7".into(),
            unit: Some(Unit::Days),
            first_run: "2027-03-01T15:00".into(),
            run_at: "2027-03-02T15:00".into(),
            ends: "2027-04-01T15:00".into(),
            repeat: Repeat::Weekly,
            at_time: "09:30".into(),
            weekdays: WeekdaySet::of(Weekday::all().filter(|d| d.number() % 2 == 0)),
            day_of_month: "13".into(),
            month: "2".into(),
            cron: "0 9 * * *".into(),
            timezone: "Europe/Paris".into(),
            utc_offset_minutes: "60".into(),
        };
        // As the server function and the island's props carry it...
        let json = serde_json::to_value(&form).unwrap();
        assert_eq!(
            (json["kind"].as_str(), json["sun"].as_str(), json["mon"].as_str()),
            (Some("calendar"), Some("on"), Some(""))
        );
        assert_eq!(serde_json::from_value::<ScheduleForm>(json).unwrap(), form);
        // ...and as the pairs of a page sent back.
        let pairs: std::collections::HashMap<_, _> = form.to_pairs().into_iter().collect();
        assert_eq!(pairs.len(), FIELD_NAMES.len());
        assert_eq!(ScheduleForm::from_pairs(|k| pairs.get(k).cloned()), Some(form));
    }

    #[test]
    fn posted_nonsense_is_read_as_nothing() {
        let posted: PostedFields =
            [("kind", "cron"), ("unit", "weeks"), ("repeat", "hourly"), ("tue", "yes"), ("colour", "red")]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
        let form = ScheduleForm::from(posted);
        assert_eq!((form.kind, form.unit, form.repeat), (FormKind::Recurring, None, Repeat::Daily));
        assert_eq!(form.weekdays.days().map(Weekday::key).collect::<Vec<_>>(), ["tue"]);
        let errors = ScheduleForm { every: "5".into(), ..form }.to_schedule().unwrap_err();
        assert_eq!(error_for(&errors, Field::Period).as_deref(), Some("Runs every: choose a unit"));
    }

    #[test]
    fn calendar_builder_spells_expressions() {
        let form = |repeat: Repeat| ScheduleForm {
            kind: FormKind::Calendar,
            repeat,
            at_time: "09:30".into(),
            weekdays: WeekdaySet::of([Weekday::MONDAY, Weekday::from_number(5).unwrap()]),
            day_of_month: "13".into(),
            month: "2".into(),
            timezone: "Europe/Paris".into(),
            ..ScheduleForm::blank()
        };
        assert_eq!(form(Repeat::Daily).cron_expression().unwrap(), "30 9 * * *");
        assert_eq!(form(Repeat::Weekdays).cron_expression().unwrap(), "30 9 * * 1-5");
        assert_eq!(form(Repeat::Weekly).cron_expression().unwrap(), "30 9 * * 1,5");
        assert_eq!(form(Repeat::Monthly).cron_expression().unwrap(), "30 9 13 * *");
        assert_eq!(form(Repeat::Yearly).cron_expression().unwrap(), "30 9 13 2 *");
        let s = form(Repeat::Weekdays).to_schedule().unwrap();
        assert_eq!(
            (s.config.cron.as_deref(), s.config.timezone.as_deref()),
            (Some("30 9 * * 1-5"), Some("Europe/Paris"))
        );
        // Each shape, and an expression the builder cannot spell, come back as they were.
        for cron in [
            "30 9 * * *",
            "30 9 * * 1-5",
            "0 18 * * 0,6",
            "5 0 1 * *",
            "0 0 29 2 *",
            "*/15 9-17 * * 1-5",
            "00 09 * * *",
        ] {
            let schedule = NewSchedule {
                name: None,
                once: false,
                config: Config { cron: Some(cron.into()), timezone: Some("UTC".into()), ..Config::default() },
                tags: vec![],
            };
            let back = ScheduleForm::from_schedule(&schedule, 0);
            assert_eq!(back.kind, FormKind::Calendar);
            assert_eq!(back.to_schedule().unwrap().config.cron.as_deref(), Some(cron), "{cron} via {:?}", back.repeat);
        }
        assert_eq!(
            ScheduleForm::from_schedule(
                &NewSchedule {
                    config: Config { cron: Some("*/15 9-17 * * 1-5".into()), ..Config::default() },
                    ..Default::default()
                },
                0
            )
            .repeat,
            Repeat::Advanced
        );
    }

    #[test]
    fn calendar_form_errors_land_on_their_fields() {
        let base = ScheduleForm { kind: FormKind::Calendar, ..ScheduleForm::blank() };
        let weekly_without_days =
            ScheduleForm { repeat: Repeat::Weekly, weekdays: WeekdaySet::default(), ..base.clone() }
                .to_schedule()
                .unwrap_err();
        assert_eq!(error_for(&weekly_without_days, Field::Cron).as_deref(), Some("At: choose at least one day"));
        let bad_time = ScheduleForm { at_time: "25:00".into(), ..base.clone() }.to_schedule().unwrap_err();
        assert!(error_for(&bad_time, Field::Cron).is_some());
        let advanced = ScheduleForm { repeat: Repeat::Advanced, cron: "0 0 30 2 *".into(), ..base.clone() };
        assert!(error_for(&advanced.to_schedule().unwrap_err(), Field::Cron).unwrap().contains("never runs"));
        let zone = ScheduleForm { timezone: "Europe/Pariss".into(), ..base.clone() }.to_schedule().unwrap_err();
        assert!(error_for(&zone, Field::Timezone).unwrap().starts_with("Time zone:"));
        let ends_first = ScheduleForm { first_run: "2027-03-01T10:00".into(), ends: "2027-03-01T09:00".into(), ..base };
        assert!(error_for(&ends_first.to_schedule().unwrap_err(), Field::Until).is_some());
    }

    #[test]
    fn units_round_trip() {
        let s = NewSchedule {
            name: None,
            once: false,
            config: Config { period: Some(7_200), timestamp: None, ..Config::default() },
            tags: vec![],
        };
        let form = ScheduleForm::from_schedule(&s, 0);
        assert_eq!((form.every.as_str(), form.unit), ("2", Some(Unit::Hours)));
        assert_eq!(form.to_schedule().unwrap(), s);
    }
}
