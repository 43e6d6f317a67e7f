//! Tags: labels a schedule carries so that schedules can be grouped and found together
//! (`?tag=billing`). Plain Rust, for the server and the browser alike.
//!
//! A tag is 1 to [`TAG_MAX_CHARS`] characters of the ASCII letters and digits and
//! `- _ . : /` (what a URL carries unescaped, and what every database collation agrees
//! on), compared and stored lower-case; a schedule has at most [`TAGS_MAX`], each once.
//! `migrations/0008_schedule_tags.sql` holds the same rules as a CHECK constraint.

use crate::field_error::{Field, FieldError};
use serde::{Deserialize, Serialize};

pub const TAGS_MAX: usize = 20;
pub const TAG_MAX_CHARS: usize = 50;

/// At most this many tags are listed by `GET /api/v1/tags` (the most used).
pub const TAGS_LISTED_MAX: i64 = 1_000;

/// A tag in use and how many schedules carry it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TagCount {
    pub tag: String,
    pub count: i64,
}

/// The tags in use, most used first (then by name), at most [`TAGS_LISTED_MAX`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TagList {
    pub tags: Vec<TagCount>,
}

/// The characters a tag may have besides letters and digits.
pub const TAG_PUNCTUATION: [char; 5] = ['-', '_', '.', ':', '/'];

/// A tag as stored: `text` lower-cased, if it is a tag at all.
pub fn normalise(text: &str) -> Result<String, String> {
    match text.chars().count() {
        0 => return Err("an empty tag is not allowed".into()),
        n if n > TAG_MAX_CHARS => {
            let start: String = text.chars().take(20).collect();
            return Err(format!("tag `{start}…` is longer than {TAG_MAX_CHARS} characters"));
        }
        _ => {}
    }
    if let Some(bad) = text.chars().find(|c| !c.is_ascii_alphanumeric() && !TAG_PUNCTUATION.contains(c)) {
        // Written out only where it can be shown on one line.
        let (tag, bad) = match bad {
            ' ' => (text, "a space".to_string()),
            c if c.is_control() => ("", "a control character".to_string()),
            c => (text, format!("`{c}`")),
        };
        let tag = if tag.is_empty() { "a tag".to_string() } else { format!("tag `{tag}`") };
        return Err(format!("{tag} has {bad}: tags are letters a–z, digits and - _ . : / only"));
    }
    Ok(text.to_ascii_lowercase())
}

/// What is wrong with a schedule's tags, one message per problem; empty when nothing is.
/// (No sorting here: the browser checks with this, and only the server stores.)
fn problems<S: AsRef<str>>(tags: &[S]) -> (Vec<String>, Vec<String>) {
    let mut problems = Vec::new();
    if tags.len() > TAGS_MAX {
        problems.push(format!("a schedule has at most {TAGS_MAX} tags ({} given)", tags.len()));
    }
    let mut normalised: Vec<String> = Vec::with_capacity(tags.len());
    for tag in tags {
        match normalise(tag.as_ref()) {
            Ok(tag) if normalised.contains(&tag) => problems.push(format!("tag `{tag}` is given twice")),
            Ok(tag) => normalised.push(tag),
            Err(problem) => problems.push(problem),
        }
    }
    (normalised, problems)
}

/// A schedule's tags as stored: each normalised, sorted, none twice, at most [`TAGS_MAX`].
/// Refuses the whole set with one message per problem.
pub fn normalise_all<S: AsRef<str>>(tags: &[S]) -> Result<Vec<String>, Vec<String>> {
    let (mut normalised, problems) = problems(tags);
    if !problems.is_empty() {
        return Err(problems);
    }
    normalised.sort_unstable();
    Ok(normalised)
}

/// The rule a schedule's tags break, if any, as the API and the form word it.
pub fn check(tags: &[String]) -> Option<FieldError> {
    let (_, problems) = problems(tags);
    if problems.is_empty() {
        return None;
    }
    let joined = problems.join("; ");
    Some(FieldError::new(Field::Tags, format!("tags: {joined}"), format!("Tags: {joined}")))
}

/// A set of tags as one text, as a history and the form show it: `billing, ops`.
pub fn joined(tags: &[String]) -> String {
    tags.join(", ")
}

/// The tags typed in the form's one field: separated by commas, each trimmed, empty ones
/// (a trailing comma) dropped. A space inside a tag stays, for the rules to name.
pub fn split_typed(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|tag| !tag.is_empty()).map(String::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_lower_case_and_sorted() {
        assert_eq!(
            normalise_all(&["Ops", "billing", "team:EU/west"]),
            Ok(vec!["billing".to_string(), "ops".into(), "team:eu/west".into()])
        );
        assert_eq!(normalise_all::<&str>(&[]), Ok(vec![]));
        assert_eq!(normalise("a-b_c.d:e/f9"), Ok("a-b_c.d:e/f9".into()));
    }

    #[test]
    fn each_rule_is_refused_with_the_tag_named() {
        let problem = |tags: &[&str]| normalise_all(tags).unwrap_err().join("; ");
        assert_eq!(problem(&[""]), "an empty tag is not allowed");
        assert!(problem(&[&"x".repeat(51)]).contains("longer than 50"));
        assert!(normalise_all(&[&"x".repeat(50)]).is_ok());
        assert_eq!(
            problem(&["two words"]),
            "tag `two words` has a space: tags are letters a–z, digits and - _ . : / only"
        );
        assert!(problem(&["équipe"]).contains("`é`"), "{}", problem(&["équipe"]));
        assert!(problem(&["a,b"]).contains("`,`"));
        assert_eq!(
            problem(&["line\nbreak"]),
            "a tag has a control character: tags are letters a–z, digits and - _ . : / only"
        );
        assert_eq!(problem(&["Ops", "ops"]), "tag `ops` is given twice");
        let many: Vec<String> = (0..21).map(|i| format!("t{i}")).collect();
        assert_eq!(normalise_all(&many).unwrap_err(), vec!["a schedule has at most 20 tags (21 given)".to_string()]);
        assert!(normalise_all(&many[..20]).is_ok());
    }

    #[test]
    fn the_form_field_is_split_at_commas() {
        assert_eq!(split_typed(" billing, Team-EU ,, ops,"), vec!["billing", "Team-EU", "ops"]);
        assert_eq!(split_typed("  "), Vec::<String>::new());
        assert_eq!(split_typed("two words, ok"), vec!["two words", "ok"]);
        let stored = vec!["billing".to_string(), "ops".into()];
        assert_eq!(split_typed(&joined(&stored)), stored);
    }

    #[test]
    fn check_names_the_field() {
        let error = check(&["bad tag".into()]).unwrap();
        assert_eq!(error.field, Field::Tags);
        assert!(error.message.starts_with("tags: tag `bad tag`"));
        assert!(check(&["fine".into()]).is_none());
    }
}
