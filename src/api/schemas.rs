//! The request bodies' OpenAPI schemas, written out by hand: what a derive cannot say is
//! exactly what clients and fuzzers need to know — which `config` keys `once` requires, that
//! unknown keys are refused, the inline-auth envelope, and the bounds of every value. They are
//! built from the constants the validation itself uses, so the document cannot drift from it.

use crate::schedules::validate::{NAME_MAX_CHARS, PERIOD_MAX, PERIOD_MIN, TIMESTAMP_MAX, TIMESTAMP_MIN};
use std::borrow::Cow;
use utoipa::openapi::schema::{AdditionalProperties, AnyOfBuilder, ObjectBuilder, OneOfBuilder, Schema, SchemaType, Type};
use utoipa::openapi::RefOr;
use utoipa::{PartialSchema, ToSchema};

/// Text without control characters (Unicode category Cc), as `validate::check_name` and
/// the search box require.
pub const NO_CONTROL_CHARACTERS: &str = r"^[^\u0000-\u001F\u007F-\u009F]*$";

/// The POST body: a recurring or a one-time schedule, or either inside the inline-auth envelope.
pub struct NewScheduleBody;

/// The PUT body: any of the keys, or them inside the inline-auth envelope. Whether the result
/// is valid also depends on the stored schedule (a `config` must suit the `once` it ends up
/// with), which no schema can say: that is answered with 422 (code 4).
pub struct ScheduleChangesBody;

/// Login: `password` with `username` or `email`.
pub struct CredentialsBody;

impl PartialSchema for NewScheduleBody {
    fn schema() -> RefOr<Schema> {
        let new_schedule = || {
            OneOfBuilder::new()
                .item(schedule_object(Some(false), true).description(Some("A recurring schedule: config.period required.")))
                .item(schedule_object(Some(true), true).description(Some("A one-time schedule: once true, config.timestamp required.")))
        };
        OneOfBuilder::new().item(new_schedule()).item(envelope(new_schedule())).into()
    }
}

impl PartialSchema for ScheduleChangesBody {
    fn schema() -> RefOr<Schema> {
        let changes = || schedule_object(None, false);
        OneOfBuilder::new().item(changes()).item(envelope(changes())).into()
    }
}

impl PartialSchema for CredentialsBody {
    fn schema() -> RefOr<Schema> {
        credentials().into()
    }
}

impl ToSchema for NewScheduleBody {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("NewScheduleBody")
    }
}

impl ToSchema for ScheduleChangesBody {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ScheduleChangesBody")
    }
}

impl ToSchema for CredentialsBody {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("CredentialsBody")
    }
}

/// A schedule's keys, closed to others. `once`: `Some(kind)` fixes the kind and the config
/// keys it needs (`Some(true)` also requires `once`); `None` leaves both open, as a PUT may.
fn schedule_object(once: Option<bool>, config_required: bool) -> ObjectBuilder {
    let once_schema = match once {
        Some(kind) => ObjectBuilder::new().schema_type(Type::Boolean).enum_values(Some([kind])),
        None => ObjectBuilder::new().schema_type(Type::Boolean),
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
        .property("config", config(once));
    if once == Some(true) {
        object = object.required("once");
    }
    if config_required {
        object = object.required("config");
    }
    object
}

fn config(once: Option<bool>) -> ObjectBuilder {
    let period = ObjectBuilder::new()
        .schema_type(Type::Integer)
        .minimum(Some(PERIOD_MIN))
        .maximum(Some(PERIOD_MAX))
        .description(Some("Seconds between runs (one minute to 366 days)"));
    let timestamp = ObjectBuilder::new()
        .schema_type(Type::Integer)
        .minimum(Some(TIMESTAMP_MIN))
        .maximum(Some(TIMESTAMP_MAX))
        .description(Some("Unix seconds: the run of a one-time schedule, or the first run of a recurring one"));
    match once {
        Some(true) => closed_object().property("timestamp", timestamp).required("timestamp"),
        Some(false) => closed_object().property("period", period).required("period").property("timestamp", timestamp),
        None => closed_object().property("period", period).property("timestamp", timestamp),
    }
}

/// `password` with `username` or `email` (either may be null when the other is given).
fn credentials() -> AnyOfBuilder {
    let with = |login: &str| {
        let name = |required: bool| {
            let types = if required { SchemaType::new(Type::String) } else { SchemaType::from_iter([Type::String, Type::Null]) };
            ObjectBuilder::new().schema_type(types).pattern(Some(NO_CONTROL_CHARACTERS))
        };
        closed_object()
            .property("username", name(login == "username"))
            .property("email", name(login == "email"))
            .property("password", ObjectBuilder::new().schema_type(Type::String))
            .required(login)
            .required("password")
    };
    AnyOfBuilder::new()
        .item(with("username"))
        .item(with("email"))
        .description(Some("`password` with `username` or `email`; username wins when both are sent"))
}

/// `{"auth": <credentials>, "payload": <body>}`: any authenticated request may log in inline.
fn envelope(payload: impl Into<RefOr<Schema>>) -> ObjectBuilder {
    closed_object()
        .property("auth", credentials())
        .property("payload", payload)
        .required("auth")
        .required("payload")
        .description(Some("The inline-auth envelope"))
}

fn closed_object() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Object)
        .additional_properties(Some(AdditionalProperties::FreeForm(false)))
}
