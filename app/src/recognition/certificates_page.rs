//! `/programs/:key/certificates`: HR's completion certificates of a program: the criteria, every
//! active participant with what they did and lack, issuing in bulk (with JavaScript the page
//! repeats the batches and shows a progress bar; without it each press issues a batch and the
//! page says how many remain) and revoking with a reason.

use domain::Role;
use domain::recognition::certificates::MAX_MIN_MEETINGS;
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::components::error_view::ErrorView;
use crate::components::form_error::FormError;
use crate::components::loading::Loading;
use crate::components::role_gate::RoleGate;
use crate::i18n::*;
use crate::recognition::certificates::{
    IssueCertificates, RevokeCertificate, SaveCertificateCriteria, certificate_list,
};
use crate::recognition::model::{CertificateBoard, CertificateRow};
use crate::recognition::text::{missing_text, role_text};

/// The page.
#[component]
pub fn CertificatesPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::ProgramManager>
            <Certificates />
        </RoleGate>
    }
}

#[component]
fn Certificates() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let program = move || params.with(|p| p.get("key")).unwrap_or_default();
    let criteria = ServerAction::<SaveCertificateCriteria>::new();
    let issue = ServerAction::<IssueCertificates>::new();
    let revoke = ServerAction::<RevokeCertificate>::new();
    let data = Resource::new(
        move || {
            (
                program(),
                criteria.version().get(),
                issue.version().get(),
                revoke.version().get(),
            )
        },
        |(p, ..)| certificate_list(p),
    );
    // With JavaScript, each finished batch starts the next until none remain.
    Effect::new(move |_| {
        if let Some(Ok(p)) = issue.value().get()
            && p.remaining > 0
            && p.issued > 0
        {
            issue.dispatch(IssueCertificates { program: program() });
        }
    });
    let issued_total = RwSignal::new(0usize);
    Effect::new(move |_| {
        if let Some(Ok(p)) = issue.value().get() {
            issued_total.update(|t| *t += p.issued);
        }
    });
    let progress = move || {
        let from_query = query.with(|q| {
            let n = q.get("issued")?.parse::<usize>().ok()?;
            let left = q.get("remaining")?.parse::<usize>().ok()?;
            Some((n, left))
        });
        let live = issue
            .value()
            .get()
            .and_then(Result::ok)
            .map(|p| (issued_total.get(), p.remaining));
        live.or(from_query).map(|(done, left)| {
            let total = done + left;
            let percent = (done * 100).checked_div(total).unwrap_or(100);
            let locale = i18n.get_locale();
            let text = if left == 0 {
                td_string!(locale, certificates.issued_all, count = done)
            } else {
                td_string!(locale, certificates.issued_some, count = done, left = left)
            };
            view! {
                <div class="alert alert--ok" role="status" id="issue-progress" data-remaining=left>
                    <p>{text.clone()}</p>
                    <progress max="100" value=percent aria-label=text>{format!("{percent} %")}</progress>
                </div>
            }
        })
    };
    let errors = Signal::derive(move || {
        [
            criteria.value().get().map(|r| r.map(|_| ())),
            issue.value().get().map(|r| r.map(|_| ())),
            revoke.value().get().map(|r| r.map(|_| ())),
        ]
        .into_iter()
        .flatten()
        .find(Result::is_err)
    });
    view! {
        <section class="page certificates-page">
            <p><a href=move || format!("/programs/{}", program())>"← " {t!(i18n, certificates.back)}</a></p>
            <h1>{t!(i18n, certificates.title)}</h1>
            <p class="muted">{t!(i18n, certificates.intro)}</p>
            <FormError result=errors />
            {progress}
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(b) => view! { <Board program=program() b criteria issue revoke /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Board(
    program: String,
    b: CertificateBoard,
    criteria: ServerAction<SaveCertificateCriteria>,
    issue: ServerAction<IssueCertificates>,
    revoke: ServerAction<RevokeCertificate>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let c = b.criteria;
    let counts = td_string!(
        locale,
        certificates.counts,
        qualified = b.qualified,
        people = b.people.len(),
        issued = b.issued
    );
    let issue_form = if !b.can_issue {
        view! { <p class="muted" id="issue-not-yet">{t!(i18n, certificates.not_started)}</p> }.into_any()
    } else if b.to_issue == 0 {
        view! { <p class="muted" id="issue-none">{t!(i18n, certificates.none_to_issue)}</p> }.into_any()
    } else {
        let label = td_string!(locale, certificates.issue, count = b.to_issue);
        let for_issue = program.clone();
        view! {
            <ActionForm action=issue attr:class="inline-form">
                <input type="hidden" name="program" value=for_issue />
                <button type="submit" class="button button--primary" id="issue-certificates">{label}</button>
            </ActionForm>
        }
        .into_any()
    };
    let rows = b
        .people
        .into_iter()
        .map(|p| view! { <Person p revoke /> })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="criteria-title">
            <h2 id="criteria-title">{t!(i18n, certificates.criteria)}</h2>
            <ActionForm action=criteria attr:class="form" attr:id="criteria-form">
                <input type="hidden" name="program" value=program.clone() />
                <label for="min_meetings">{t!(i18n, certificates.min_meetings)}</label>
                <input id="min_meetings" name="min_meetings" type="number" min="0" max=MAX_MIN_MEETINGS.to_string()
                    inputmode="numeric" required value=c.min_held_meetings.to_string() />
                <label class="choice" for="required_training">
                    <input type="checkbox" id="required_training" name="required_training" value="true" checked=c.required_training />
                    <span>{t!(i18n, certificates.required_training)}</span>
                </label>
                <label class="choice" for="pair_not_ended">
                    <input type="checkbox" id="pair_not_ended" name="pair_not_ended" value="true" checked=c.pair_not_ended />
                    <span>{t!(i18n, certificates.pair_not_ended)}</span>
                </label>
                <p class="hint">{t!(i18n, certificates.hours_hint)}</p>
                <button type="submit" class="button" id="save-criteria">{t!(i18n, certificates.save_criteria)}</button>
            </ActionForm>
        </section>
        <p id="certificate-counts">{counts}</p>
        <div class="actions">{issue_form}</div>
        <ul class="certificate-people" id="certificate-people">{rows}</ul>
    }
}

#[component]
fn Person(p: CertificateRow, revoke: ServerAction<RevokeCertificate>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let state = match (&p.code, p.revoked, p.missing.is_empty()) {
        (Some(_), true, _) => (
            "revoked",
            td_string!(locale, certificates.state_revoked).to_owned(),
        ),
        (Some(_), false, _) => ("issued", td_string!(locale, certificates.state_issued).to_owned()),
        (None, _, true) => (
            "qualifies",
            td_string!(locale, certificates.state_qualifies).to_owned(),
        ),
        (None, _, false) => (
            "missing",
            p.missing
                .iter()
                .map(|m| missing_text(locale, *m))
                .collect::<Vec<_>>()
                .join(" · "),
        ),
    };
    let revoke_form = p.code.clone().filter(|_| !p.revoked).map(|code| {
        let id = format!("reason-{code}");
        let label_for = id.clone();
        view! {
            <details class="confirm">
                <summary class="button button--danger">{t!(i18n, certificates.revoke)}</summary>
                <ActionForm action=revoke attr:class="form">
                    <input type="hidden" name="code" value=code />
                    <label for=label_for>{t!(i18n, certificates.revoke_reason)}</label>
                    <textarea id=id name="reason" rows="2" required maxlength="500"></textarea>
                    <button type="submit" class="button button--danger">{t!(i18n, certificates.revoke_yes)}</button>
                </ActionForm>
            </details>
        }
    });
    let verify = p.code.clone().map(|code| {
        view! { <a href=format!("/verify/{code}")>{t!(i18n, certificates.verify_link)}</a> }
    });
    view! {
        <li class="card certificate-person" data-employee=p.employee.clone() data-state=state.0>
            <p><strong>{p.name.clone()}</strong> <span class="muted">" · " {role_text(locale, &p.role)}</span></p>
            <p class="muted">
                {td_string!(locale, certificates.person_facts, meetings = p.held_meetings, hours = p.hours.clone())}
            </p>
            <p>{state.1} " " {verify}</p>
            {revoke_form}
        </li>
    }
}
