//! What the form's choices can be, typed: the kind of schedule, a period's unit, the
//! calendar builder's shapes and its weekdays. Each choice knows the word it is posted as
//! (`form[kind]=once`) and the words the page shows for it.

/// What kind of schedule the form makes: `form[kind]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FormKind {
    /// Every N seconds, minutes, hours or days.
    #[default]
    Recurring,
    /// At set times: a cron expression in a zone.
    Calendar,
    /// Once, at a set time.
    Once,
}

impl FormKind {
    pub const ALL: [FormKind; 3] = [FormKind::Recurring, FormKind::Calendar, FormKind::Once];

    /// The word posted for it.
    pub fn key(self) -> &'static str {
        match self {
            FormKind::Recurring => "recurring",
            FormKind::Calendar => "calendar",
            FormKind::Once => "once",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FormKind::Recurring => "Every…",
            FormKind::Calendar => "At set times",
            FormKind::Once => "One-time",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.key() == key)
    }
}

/// The units a period can be entered in: `form[unit]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Seconds,
    Minutes,
    Hours,
    Days,
}

impl Unit {
    pub const ALL: [Unit; 4] = [Unit::Seconds, Unit::Minutes, Unit::Hours, Unit::Days];

    /// The word posted for it, which is also the word shown.
    pub fn key(self) -> &'static str {
        match self {
            Unit::Seconds => "seconds",
            Unit::Minutes => "minutes",
            Unit::Hours => "hours",
            Unit::Days => "days",
        }
    }

    pub fn seconds(self) -> i64 {
        match self {
            Unit::Seconds => 1,
            Unit::Minutes => 60,
            Unit::Hours => 3_600,
            Unit::Days => 86_400,
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|unit| unit.key() == key)
    }

    /// The largest unit `period` (seconds) is a whole number of.
    pub fn largest_dividing(period: i64) -> Self {
        Self::ALL.into_iter().rev().find(|unit| period % unit.seconds() == 0).unwrap_or(Unit::Seconds)
    }
}

/// Common periods offered as one-click presets: (label, amount, unit).
pub const PRESETS: [(&str, i64, Unit); 6] = [
    ("Every minute", 1, Unit::Minutes),
    ("Every 5 minutes", 5, Unit::Minutes),
    ("Every 15 minutes", 15, Unit::Minutes),
    ("Hourly", 1, Unit::Hours),
    ("Daily", 1, Unit::Days),
    ("Weekly", 7, Unit::Days),
];

/// The shapes the calendar builder offers, then the expression typed by hand:
/// `form[repeat]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Repeat {
    #[default]
    Daily,
    Weekdays,
    Weekly,
    Monthly,
    Yearly,
    /// A cron expression as typed.
    Advanced,
}

impl Repeat {
    pub const ALL: [Repeat; 6] =
        [Repeat::Daily, Repeat::Weekdays, Repeat::Weekly, Repeat::Monthly, Repeat::Yearly, Repeat::Advanced];

    pub fn key(self) -> &'static str {
        match self {
            Repeat::Daily => "daily",
            Repeat::Weekdays => "weekdays",
            Repeat::Weekly => "weekly",
            Repeat::Monthly => "monthly",
            Repeat::Yearly => "yearly",
            Repeat::Advanced => "advanced",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Repeat::Daily => "Every day",
            Repeat::Weekdays => "Every weekday (Monday to Friday)",
            Repeat::Weekly => "Weekly, on chosen days",
            Repeat::Monthly => "Monthly, on a day",
            Repeat::Yearly => "Yearly, on a date",
            Repeat::Advanced => "Advanced: a cron expression",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|repeat| repeat.key() == key)
    }

    /// Whether the shape has a day of the month (monthly, yearly).
    pub fn has_day_of_month(self) -> bool {
        matches!(self, Repeat::Monthly | Repeat::Yearly)
    }
}

/// A day of the week, numbered as cron numbers it (Sunday = 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Weekday(u8);

impl Weekday {
    pub const MONDAY: Weekday = Weekday(1);
    const KEYS: [&'static str; 7] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
    const LABELS: [&'static str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    /// Sunday to Saturday, as the builder lists them.
    pub fn all() -> impl Iterator<Item = Weekday> {
        (0..7).map(Weekday)
    }

    /// Cron's number for the day: 0 (Sunday) to 6.
    pub fn from_number(number: u8) -> Option<Self> {
        (number < 7).then_some(Weekday(number))
    }

    pub fn number(self) -> u8 {
        self.0
    }

    /// The word its checkbox is posted as: `form[mon]=on`.
    pub fn key(self) -> &'static str {
        Self::KEYS[usize::from(self.0)]
    }

    pub fn label(self) -> &'static str {
        Self::LABELS[usize::from(self.0)]
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::all().find(|day| day.key() == key)
    }
}

/// The days a weekly schedule runs on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WeekdaySet(u8);

impl WeekdaySet {
    pub fn of(days: impl IntoIterator<Item = Weekday>) -> Self {
        let mut set = WeekdaySet::default();
        for day in days {
            set.set(day, true);
        }
        set
    }

    pub fn contains(self, day: Weekday) -> bool {
        self.0 & (1 << day.0) != 0
    }

    pub fn set(&mut self, day: Weekday, on: bool) {
        if on {
            self.0 |= 1 << day.0;
        } else {
            self.0 &= !(1 << day.0);
        }
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The days in the set, Sunday first.
    pub fn days(self) -> impl Iterator<Item = Weekday> {
        Weekday::all().filter(move |day| self.contains(*day))
    }
}

pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_choice_reads_back_its_own_word() {
        assert!(FormKind::ALL.into_iter().all(|k| FormKind::from_key(k.key()) == Some(k)));
        assert!(Unit::ALL.into_iter().all(|u| Unit::from_key(u.key()) == Some(u)));
        assert!(Repeat::ALL.into_iter().all(|r| Repeat::from_key(r.key()) == Some(r)));
        assert!(Weekday::all().all(|d| Weekday::from_key(d.key()) == Some(d)));
        assert_eq!((FormKind::from_key("Once"), Unit::from_key(""), Repeat::from_key("cron")), (None, None, None));
        assert_eq!((Weekday::from_number(0).map(Weekday::key), Weekday::from_number(7)), (Some("sun"), None));
    }

    #[test]
    fn weekday_sets() {
        let mut set = WeekdaySet::of([Weekday(1), Weekday(5)]);
        assert_eq!(set.days().map(Weekday::number).collect::<Vec<_>>(), [1, 5]);
        set.set(Weekday(1), false);
        set.set(Weekday(5), true);
        assert!(!set.contains(Weekday(1)) && set.contains(Weekday(5)));
        set.set(Weekday(5), false);
        assert!(set.is_empty());
    }

    #[test]
    fn units_of_a_period() {
        assert_eq!(Unit::largest_dividing(7_200), Unit::Hours);
        assert_eq!(Unit::largest_dividing(90), Unit::Seconds);
        assert_eq!(Unit::largest_dividing(172_800), Unit::Days);
    }
}
