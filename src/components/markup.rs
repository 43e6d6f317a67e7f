//! Plain markup written as text, for lists of many static elements (a select's options, a
//! group of checkboxes, a list of runs made on the server), set with `inner_html`.
//!
//! Why: Leptos compiles every `view!` list into typed view code for the browser (building,
//! hydrating and updating each element kind), a few kilobytes of WebAssembly per list;
//! text costs one small string function for all of them. On hydration the server's markup
//! is kept as it is (Leptos does not rewrite an `inner_html` it finds already there), so
//! what the markup holds is what the page had: for inputs, their first values. Everything
//! here escapes what it writes.

/// `text` with `&`, `<`, `>` and `"` escaped, for element text and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// `<option>`s of `(value, label)` pairs, the one whose value is `selected` marked so.
pub fn options<'a>(items: impl IntoIterator<Item = (&'a str, &'a str)>, selected: &str) -> String {
    items
        .into_iter()
        .map(|(value, label)| {
            let mark = if value == selected { " selected" } else { "" };
            format!(r#"<option value="{}"{mark}>{}</option>"#, escape(value), escape(label))
        })
        .collect()
}

/// A `<legend>` and a labelled input of `kind` (`radio` or `checkbox`) per choice:
/// `(id, name, value, label, checked)`.
pub fn choices<'a>(
    legend: &str,
    kind: &str,
    items: impl IntoIterator<Item = (String, String, &'a str, &'a str, bool)>,
) -> String {
    let mut out = format!("<legend>{}</legend>", escape(legend));
    for (id, name, value, label, checked) in items {
        let id = if id.is_empty() { String::new() } else { format!(r#" id="{}""#, escape(&id)) };
        let mark = if checked { " checked" } else { "" };
        out.push_str(&format!(
            r#"<label class="choice"><input type="{kind}"{id} name="{}" value="{}"{mark}/> {}</label>"#,
            escape(&name),
            escape(value),
            escape(label)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_it_writes() {
        assert_eq!(escape(r#"<a href="x">&</a>"#), "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
        assert_eq!(
            options([("a", "A & B"), ("b", "<b>")], "b"),
            r#"<option value="a">A &amp; B</option><option value="b" selected>&lt;b&gt;</option>"#
        );
        assert_eq!(
            choices("On", "checkbox", [(String::new(), "form[mon]".to_string(), "on", "Mon", true)]),
            r#"<legend>On</legend><label class="choice"><input type="checkbox" name="form[mon]" value="on" checked/> Mon</label>"#
        );
    }
}
