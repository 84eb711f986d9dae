//! The hidden `submission` field of a form that creates something (see
//! `crate::ssr::submission::once`): a key made when the form is shown, so that a double click
//! or a replayed request creates one thing. After each answer the form gets a new key, so the
//! next deliberate submission creates the next thing.

use leptos::prelude::*;

/// A fresh submission key: 32 hexadecimal digits (128 random bits).
pub fn new_submission_key() -> String {
    #[cfg(feature = "ssr")]
    {
        uuid::Uuid::new_v4().simple().to_string()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        // Four 32-bit draws of the browser's generator: the key only has to differ from this
        // person's other keys for the same action.
        (0..4)
            .map(|_| format!("{:08x}", (js_sys::Math::random() * f64::from(u32::MAX)) as u32))
            .collect()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        String::new()
    }
}

/// `<input type="hidden" name="submission">` with a fresh key, renewed whenever `answers`
/// changes (pass the action's `version()`).
#[component]
pub fn SubmissionKey(#[prop(into)] answers: Signal<usize>) -> impl IntoView {
    let key = RwSignal::new(new_submission_key());
    Effect::new(move |seen: Option<usize>| {
        let now = answers.get();
        if seen.is_some_and(|s| s != now) {
            key.set(new_submission_key());
        }
        now
    });
    view! { <input type="hidden" name="submission" prop:value=move || key.get() value=key.get_untracked() /> }
}
