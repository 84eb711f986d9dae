//! A program's agreement: what it expects of mentors and of mentees, or a plain sentence saying
//! it has written nothing yet (instead of empty headings).

use leptos::prelude::*;

use crate::i18n::*;

/// The two halves of a program's agreement as a definition list; a half left empty says so,
/// and a program with neither says it has written no expectations.
#[component]
pub fn Agreement(
    /// What mentors commit to.
    mentor: String,
    /// What mentees commit to.
    mentee: String,
) -> impl IntoView {
    let i18n = use_i18n();
    if mentor.trim().is_empty() && mentee.trim().is_empty() {
        return view! { <p class="muted agreement agreement--none" id="agreement-none">{t!(i18n, join.agreement_none)}</p> }
            .into_any();
    }
    let half = |text: String| {
        if text.trim().is_empty() {
            view! { <dd class="muted">{t!(i18n, join.agreement_role_none)}</dd> }.into_any()
        } else {
            view! { <dd class="prewrap">{text}</dd> }.into_any()
        }
    };
    view! {
        <dl class="agreement">
            <dt>{t!(i18n, join.mentor_commits)}</dt>
            {half(mentor)}
            <dt>{t!(i18n, join.mentee_commits)}</dt>
            {half(mentee)}
        </dl>
    }
    .into_any()
}
