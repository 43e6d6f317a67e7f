//! A broken rule about one field of a schedule: what the domain's checks return, what the
//! error type carries to the UI's forms. Its own module, below both, so neither imports the
//! other's back.

/// The part of a schedule a rule is about, so a form can show the message next to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Field {
    Body,
    Name,
    Once,
    Config,
    Period,
    Timestamp,
    Cron,
    Timezone,
    Until,
    Tags,
}

impl Field {
    /// Whether the field is inside `config`: a broken rule there is code 26, not 4.
    pub fn is_config(self) -> bool {
        matches!(self, Field::Config | Field::Period | Field::Timestamp | Field::Cron | Field::Timezone | Field::Until)
    }
}

/// A broken rule, in two wordings from the same check: the API's, which names the JSON key
/// (`config.period must be between 60 and 31622400 seconds ...`), and the form's, which
/// names the field people see and its units (`Runs every: at least 1 minute, at most 366
/// days`).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
    pub form_message: String,
}

impl FieldError {
    pub fn new(field: Field, message: impl Into<String>, form_message: impl Into<String>) -> Self {
        FieldError { field, message: message.into(), form_message: form_message.into() }
    }

    /// A problem only the form has (a field it could not read): one wording serves both.
    pub fn form_only(field: Field, form_message: impl Into<String>) -> Self {
        let form_message = form_message.into();
        FieldError { field, message: form_message.clone(), form_message }
    }
}
