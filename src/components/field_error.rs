use leptos::prelude::*;

/// The message under a form field, announced by screen readers when it appears.
#[component]
pub fn FieldMessage(id: &'static str, message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <span id=id class="field-error" role="alert" aria-live="polite">{move || message.get()}</span>
    }
}
