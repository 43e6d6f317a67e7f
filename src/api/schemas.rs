//! The request bodies' OpenAPI schemas, written out by hand: what a derive cannot say is
//! exactly what clients and fuzzers need to know — which `config` keys `once` requires, that
//! unknown keys are refused, the inline-auth envelope, and the bounds of every value. They are
//! built from the constants the validation itself uses, so the document cannot drift from it.
//!
//! Every object is a named component (`RecurringSchedule`, `IntervalConfig`, ...), and the
//! bodies are unions of references to them: client generators name their models after the
//! components, where nested anonymous unions gave them clashing names or none.

use crate::schedules::bulk::{BulkVerb, BULK_IDS_MAX};
use crate::schedules::cron::CRON_MAX_CHARS;
use crate::schedules::tags::TAGS_MAX;
use crate::schedules::validate::{NAME_MAX_CHARS, PERIOD_MAX, PERIOD_MIN, TIMESTAMP_MAX, TIMESTAMP_MIN};
use crate::schedules::Kind;
use std::borrow::Cow;
use utoipa::openapi::schema::{
    AdditionalProperties, AnyOfBuilder, ObjectBuilder, OneOfBuilder, Schema, SchemaType, Type,
};
use utoipa::openapi::{Ref, RefOr};
use utoipa::{PartialSchema, ToSchema};

/// Text without control characters (Unicode category Cc), as `validate::check` (names,
/// cron expressions) and the search box require.
pub const NO_CONTROL_CHARACTERS: &str = r"^[^\u0000-\u001F\u007F-\u009F]*$";

/// The shape of an IANA zone name (`Europe/Paris`, `UTC`, `Etc/GMT+5`); which names exist is
/// the time-zone database's to say (an unknown one is code 26).
pub const ZONE_NAME: &str = r"^[A-Za-z0-9_+-]+(/[A-Za-z0-9_+-]+)*$";

/// A tag as a client may send it (any case; stored lower-case), as `tags::normalise` reads it.
pub const TAG: &str = r"^[A-Za-z0-9_.:/-]{1,50}$";

/// An import's crontab or manifests: text, sent as the body's bytes. Declared `format:
/// binary` so that generated clients send what they are given as it is (a plain `string`
/// body is one they model as a JSON string).
pub struct ImportText;

impl PartialSchema for ImportText {
    fn schema() -> RefOr<Schema> {
        use utoipa::openapi::schema::{KnownFormat, SchemaFormat};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .description(Some("The file's text, UTF-8"))
            .into()
    }
}

impl ToSchema for ImportText {}

/// A tag of the list's `tag` filter, in the document: the shape of [`TAG`].
pub struct TagParam;

impl PartialSchema for TagParam {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new().schema_type(Type::String).pattern(Some(TAG)).into()
    }
}

impl ToSchema for TagParam {}

/// The POST body: a recurring or a one-time schedule, or either inside the inline-auth envelope.
pub struct NewScheduleBody;

/// The PUT body: any of the keys, or them inside the inline-auth envelope. Whether the result
/// is valid also depends on the stored schedule (a `config` must suit the `once` it ends up
/// with), which no schema can say: that is answered with 422 (code 26).
pub struct ScheduleChangesBody;

/// Login: `password` with `username` or `email`.
pub struct CredentialsBody;

/// A bulk action: delete or clone the ids, or tag or untag them (then with tags), or either
/// inside the inline-auth envelope.
pub struct BulkBody;

impl PartialSchema for NewScheduleBody {
    fn schema() -> RefOr<Schema> {
        OneOfBuilder::new()
            .item(to(RECURRING))
            .item(to(CALENDAR))
            .item(to(ONE_TIME))
            .item(to(INLINE_NEW))
            .description(Some("An interval, calendar or one-time schedule, or one inside the inline-auth envelope"))
            .into()
    }
}

impl PartialSchema for ScheduleChangesBody {
    fn schema() -> RefOr<Schema> {
        OneOfBuilder::new()
            .item(to(CHANGES))
            .item(to(INLINE_CHANGES))
            .description(Some("The changes, or them inside the inline-auth envelope"))
            .into()
    }
}

impl PartialSchema for CredentialsBody {
    fn schema() -> RefOr<Schema> {
        AnyOfBuilder::new()
            .item(to(USERNAME_LOGIN))
            .item(to(EMAIL_LOGIN))
            .description(Some("`password` with `username` or `email`; username wins when both are sent"))
            .into()
    }
}

impl PartialSchema for BulkBody {
    fn schema() -> RefOr<Schema> {
        OneOfBuilder::new()
            .item(to(BULK_ACTION))
            .item(to(INLINE_BULK))
            .description(Some("A bulk action, or one inside the inline-auth envelope"))
            .into()
    }
}

impl ToSchema for BulkBody {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("BulkBody")
    }
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.extend(components());
    }
}

impl ToSchema for NewScheduleBody {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("NewScheduleBody")
    }
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.extend(components());
    }
}

impl ToSchema for ScheduleChangesBody {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ScheduleChangesBody")
    }
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.extend(components());
    }
}

impl ToSchema for CredentialsBody {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed(CREDENTIALS)
    }
    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.extend(components());
    }
}

const INTERVAL_CONFIG: &str = "IntervalConfig";
const CALENDAR_CONFIG: &str = "CalendarConfig";
const ONE_TIME_CONFIG: &str = "OneTimeConfig";
const ANY_CONFIG: &str = "ScheduleConfig";
const RECURRING: &str = "RecurringSchedule";
const CALENDAR: &str = "CalendarSchedule";
const ONE_TIME: &str = "OneTimeSchedule";
const NEW_SCHEDULE: &str = "NewSchedule";
const CHANGES: &str = "ScheduleChanges";
const USERNAME_LOGIN: &str = "UsernameLogin";
const EMAIL_LOGIN: &str = "EmailLogin";
const CREDENTIALS: &str = "Credentials";
const INLINE_NEW: &str = "InlineAuthNewSchedule";
const INLINE_CHANGES: &str = "InlineAuthScheduleChanges";
const BULK_ACTION: &str = "BulkAction";
const BULK_IDS_ONLY: &str = "BulkDeleteOrClone";
const BULK_WITH_TAGS: &str = "BulkTagOrUntag";
const INLINE_BULK: &str = "InlineAuthBulkAction";

fn to(component: &str) -> Ref {
    Ref::from_schema_name(component)
}

/// Every named component the bodies refer to.
fn components() -> Vec<(String, RefOr<Schema>)> {
    let named = |name: &str, schema: RefOr<Schema>| (name.to_string(), schema);
    vec![
        named(
            INTERVAL_CONFIG,
            config(Some(Kind::Interval)).description(Some("The config of an interval schedule")).into(),
        ),
        named(
            CALENDAR_CONFIG,
            config(Some(Kind::Calendar))
                .description(Some("(beyond) The config of a calendar schedule: a cron expression read in a time zone"))
                .into(),
        ),
        named(ONE_TIME_CONFIG, config(Some(Kind::Once)).description(Some("The config of a one-time schedule")).into()),
        named(
            ANY_CONFIG,
            config(None)
                .description(Some("A config of any kind; which keys it needs depends on `once` and `cron`"))
                .into(),
        ),
        named(
            RECURRING,
            schedule_object(Some(Kind::Interval), true)
                .description(Some("An interval schedule: config.period required."))
                .into(),
        ),
        named(
            CALENDAR,
            schedule_object(Some(Kind::Calendar), true)
                .description(Some(
                    "(beyond) A calendar schedule: config.cron required, read in config.timezone (default UTC).",
                ))
                .into(),
        ),
        named(
            ONE_TIME,
            schedule_object(Some(Kind::Once), true)
                .description(Some("A one-time schedule: once true, config.timestamp required."))
                .into(),
        ),
        named(
            NEW_SCHEDULE,
            OneOfBuilder::new()
                .item(to(RECURRING))
                .item(to(CALENDAR))
                .item(to(ONE_TIME))
                .description(Some("A new schedule of any kind"))
                .into(),
        ),
        named(
            CHANGES,
            schedule_object(None, false)
                .description(Some("Changes to a schedule: keys not sent stay unchanged"))
                .into(),
        ),
        named(USERNAME_LOGIN, login_with("username").description(Some("Log in by username")).into()),
        named(EMAIL_LOGIN, login_with("email").description(Some("Log in by email")).into()),
        named(CREDENTIALS, CredentialsBody::schema()),
        named(INLINE_NEW, envelope(NEW_SCHEDULE).description(Some("A new schedule with inline credentials")).into()),
        named(INLINE_CHANGES, envelope(CHANGES).description(Some("Changes with inline credentials")).into()),
        named(
            BULK_IDS_ONLY,
            bulk_object(&[BulkVerb::Delete, BulkVerb::Clone])
                .description(Some(
                    "Delete the schedules (each restorable, as any delete), or clone each: a new schedule with its \
                     once, config and tags, named `Copy of <name>` (a null name stays null)",
                ))
                .into(),
        ),
        named(
            BULK_WITH_TAGS,
            bulk_object(&[BulkVerb::Tag, BulkVerb::Untag])
                .property(
                    "tags",
                    tags_schema().min_items(Some(1)).description(Some(
                        "The tags to add to each schedule (tag) or remove from it (untag); a schedule that has \
                         them all (tag) or none (untag) is left as it is. At most 20 tags a schedule (code 4).",
                    )),
                )
                .required("tags")
                .into(),
        ),
        named(
            BULK_ACTION,
            OneOfBuilder::new()
                .item(to(BULK_IDS_ONLY))
                .item(to(BULK_WITH_TAGS))
                .description(Some("(beyond) One action on many of the caller's schedules: all or nothing"))
                .into(),
        ),
        named(INLINE_BULK, envelope(BULK_ACTION).description(Some("A bulk action with inline credentials")).into()),
    ]
}

/// A schedule's keys, closed to others. `kind`: `Some(kind)` fixes the kind and the config
/// it needs (one-time also requires `once`); `None` leaves both open, as a PUT may.
fn schedule_object(kind: Option<Kind>, config_required: bool) -> ObjectBuilder {
    let once_schema = match kind {
        Some(kind) => ObjectBuilder::new().schema_type(Type::Boolean).enum_values(Some([kind == Kind::Once])),
        None => ObjectBuilder::new().schema_type(Type::Boolean),
    };
    let config = match kind {
        Some(Kind::Interval) => INTERVAL_CONFIG,
        Some(Kind::Calendar) => CALENDAR_CONFIG,
        Some(Kind::Once) => ONE_TIME_CONFIG,
        None => ANY_CONFIG,
    };
    let mut object = closed_object()
        .property(
            "name",
            ObjectBuilder::new()
                .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
                .max_length(Some(NAME_MAX_CHARS))
                .pattern(Some(NO_CONTROL_CHARACTERS))
                .description(Some("Optional; null for none")),
        )
        .property("once", once_schema)
        .property("config", to(config))
        .property("tags", tags_schema());
    if kind == Some(Kind::Once) {
        object = object.required("once");
    }
    if config_required {
        object = object.required("config");
    }
    object
}

/// A bulk action of one of `verbs`, on 1 to 500 schedules named once each.
fn bulk_object(verbs: &[BulkVerb]) -> ObjectBuilder {
    closed_object()
        .property(
            "action",
            ObjectBuilder::new().schema_type(Type::String).enum_values(Some(verbs.iter().map(|v| v.as_str()))),
        )
        .required("action")
        .property(
            "ids",
            utoipa::openapi::schema::ArrayBuilder::new()
                .items(ObjectBuilder::new().schema_type(Type::Integer).minimum(Some(1)))
                .min_items(Some(1))
                .max_items(Some(BULK_IDS_MAX))
                .unique_items(true)
                .description(Some("The schedules, each once; the results come in this order")),
        )
        .required("ids")
}

/// `tags`: the whole set (a PUT replaces it; `[]` clears it).
fn tags_schema() -> utoipa::openapi::schema::ArrayBuilder {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(ObjectBuilder::new().schema_type(Type::String).pattern(Some(TAG)))
        .max_items(Some(TAGS_MAX))
        .unique_items(true)
        .description(Some(
            "(beyond) The schedule's tags: letters, digits and - _ . : /, 1 to 50 characters each, compared and \
             stored lower-case (so `Ops` and `ops` are the same tag, refused twice, code 4). On PUT the set sent \
             replaces the stored one; `[]` clears it. Answers carry `tags` only when the schedule has some.",
        ))
}

fn config(kind: Option<Kind>) -> ObjectBuilder {
    let period = ObjectBuilder::new()
        .schema_type(Type::Integer)
        .minimum(Some(PERIOD_MIN))
        .maximum(Some(PERIOD_MAX))
        .description(Some("Seconds between runs (one minute to 366 days)"));
    let time = |description: &'static str| {
        ObjectBuilder::new()
            .schema_type(Type::Integer)
            .minimum(Some(TIMESTAMP_MIN))
            .maximum(Some(TIMESTAMP_MAX))
            .description(Some(description))
    };
    let timestamp = time(
        "Unix seconds: the run of a one-time schedule, the first run of an interval one, or the time before which \
         a calendar one does not run",
    );
    let until = time("(beyond) Unix seconds: no run after it; after `timestamp` when both are given");
    let cron = ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(1))
        .max_length(Some(CRON_MAX_CHARS))
        .pattern(Some(NO_CONTROL_CHARACTERS))
        .description(Some(
            "(beyond) Five fields: minute, hour, day of month, month, day of week (lists, ranges, steps, names; \
             @hourly, @daily, @weekly, @monthly, @yearly). Both day fields restricted: a day matching either runs. \
             Read as wall-clock time in `timezone`; a time a clock change skips runs shifted forward by the gap, a \
             time it repeats runs once, at the first. An expression that never runs is refused (code 26).",
        ))
        .examples([serde_json::json!("0 9 * * 1-5")]);
    let timezone = ObjectBuilder::new()
        .schema_type(Type::String)
        .max_length(Some(64))
        .pattern(Some(ZONE_NAME))
        .description(Some("(beyond) An IANA time zone name; UTC when absent (and then not added on reading back)"))
        .examples([serde_json::json!("Europe/Paris")]);
    match kind {
        Some(Kind::Once) => closed_object().property("timestamp", timestamp).required("timestamp"),
        Some(Kind::Interval) => closed_object()
            .property("period", period)
            .required("period")
            .property("timestamp", timestamp)
            .property("until", until),
        Some(Kind::Calendar) => closed_object()
            .property("cron", cron)
            .required("cron")
            .property("timezone", timezone)
            .property("timestamp", timestamp)
            .property("until", until),
        None => closed_object()
            .property("period", period)
            .property("cron", cron)
            .property("timezone", timezone)
            .property("timestamp", timestamp)
            .property("until", until),
    }
}

/// `password` with `login` (`username` or `email`); the other may be sent too, or null.
fn login_with(login: &str) -> ObjectBuilder {
    let name = |required: bool| {
        let types =
            if required { SchemaType::new(Type::String) } else { SchemaType::from_iter([Type::String, Type::Null]) };
        ObjectBuilder::new().schema_type(types).pattern(Some(NO_CONTROL_CHARACTERS))
    };
    closed_object()
        .property("username", name(login == "username"))
        .property("email", name(login == "email"))
        .property("password", ObjectBuilder::new().schema_type(Type::String))
        .required(login)
        .required("password")
}

/// `{"auth": <credentials>, "payload": <body>}`: any authenticated request may log in inline.
fn envelope(payload: &str) -> ObjectBuilder {
    closed_object()
        .property("auth", to(CREDENTIALS))
        .property("payload", to(payload))
        .required("auth")
        .required("payload")
}

fn closed_object() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::Object).additional_properties(Some(AdditionalProperties::FreeForm(false)))
}
