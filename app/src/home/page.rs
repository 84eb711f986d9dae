//! `/`: a landing page for visitors, a dashboard for each role. A participant sees their pairs,
//! their next meeting and what is due; HR sees their programs (admins every program, above the
//! account counts) with each stage's counts and next step. Everything dated is written on the
//! server, so the first render in the browser matches the server's HTML.

use domain::{PairStatus, ProgramStatus, Role};
use leptos::prelude::*;

use crate::accounts::users::load_account_stats;
use crate::components::empty_state::EmptyState;
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::components::role_gate::SessionPage;
use crate::home::api::{manager_dashboard, participant_dashboard};
use crate::i18n::*;
use crate::programs::list_page::stage_label;
use crate::{
    accounts::model::CurrentUser, home::model::HomeMeeting, home::model::HomePair,
    home::model::ParticipantHome, home::model::ProgramCard,
};

/// The start page.
#[component]
pub fn HomePage() -> impl IntoView {
    let page = |user: Option<CurrentUser>| match user {
        None => view! { <Landing /> }.into_any(),
        Some(user) => view! { <Dashboard user /> }.into_any(),
    };
    view! { <SessionPage page /> }
}

#[component]
fn Landing() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="hero">
            <h1>{t!(i18n, home.anonymous_title)}</h1>
            <p class="lead">{t!(i18n, home.anonymous_body)}</p>
            <a class="button button--primary" href="/login">{t!(i18n, nav.sign_in)}</a>
        </section>
    }
}

#[component]
fn Dashboard(user: CurrentUser) -> impl IntoView {
    let i18n = use_i18n();
    let name = user.name.clone();
    let intro = move || match user.role {
        Role::Admin => t_string!(i18n, home.admin_intro),
        Role::ProgramManager => t_string!(i18n, home.pm_intro),
        Role::Participant => t_string!(i18n, home.participant_intro),
    };
    let body = match user.role {
        Role::Admin => view! { <ManagerHome /> <AdminOverview /> }.into_any(),
        Role::ProgramManager => view! { <ManagerHome /> }.into_any(),
        Role::Participant => view! { <ParticipantDashboard /> }.into_any(),
    };
    view! {
        <section class="page" data-role=user.role.as_str()>
            <h1>{t!(i18n, home.welcome, name = move || name.clone())}</h1>
            <p class="lead">{intro}</p>
            {body}
        </section>
    }
}

/// A participant's pairs, next meeting and what is due.
#[component]
fn ParticipantDashboard() -> impl IntoView {
    let i18n = use_i18n();
    let home = Resource::new(|| (), |_| participant_dashboard());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match home.await {
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                    Ok(h) if h.pairs.is_empty() && h.enrolments.is_empty() && h.feedback_due == 0 => view! {
                        <EmptyState
                            title=Signal::derive(move || t_string!(i18n, home.no_pair_title).to_owned())
                            body=Signal::derive(move || t_string!(i18n, home.no_pair_body).to_owned())
                        />
                    }
                    .into_any(),
                    Ok(h) => view! { <ParticipantBody h /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// One thing the participant should do, with where to do it.
struct Due {
    id: String,
    href: String,
    text: String,
}

/// What the participant should do, in `locale`: accept a published pair, complete a profile or
/// accept an agreement, record a check-in (feedback to answer is counted apart).
fn due_items(locale: Locale, h: &ParticipantHome) -> Vec<Due> {
    let mut out: Vec<Due> = Vec::new();
    for p in h
        .pairs
        .iter()
        .filter(|p| p.status == PairStatus::Published && !p.i_accepted)
    {
        out.push(Due {
            id: format!("due-accept-{}", p.key),
            href: "/pair".to_owned(),
            text: td_string!(locale, home.due_accept_pair, name = &p.other_name),
        });
    }
    for e in h.enrolments.iter().filter(|e| e.incomplete) {
        let text = if e.missing_topics {
            td_string!(locale, home.due_profile, program = &e.name)
        } else {
            td_string!(locale, home.due_agreement, program = &e.name)
        };
        out.push(Due {
            id: format!("due-profile-{}", e.program),
            href: format!("/profile/{}", e.program),
            text,
        });
    }
    if h.pairs.iter().any(|p| p.status == PairStatus::Active) {
        out.push(Due {
            id: "due-checkin".to_owned(),
            href: "/checkin".to_owned(),
            text: td_string!(locale, home.due_checkin).to_owned(),
        });
    }
    out
}

#[component]
fn ParticipantBody(h: ParticipantHome) -> impl IntoView {
    let i18n = use_i18n();
    // The language changes only by loading a page afresh, so texts filled in here read it once.
    let locale = i18n.get_locale_untracked();
    let feedback_due = h.feedback_due;
    let items = due_items(locale, &h);
    let waiting: Vec<String> = h
        .enrolments
        .iter()
        .filter(|e| !e.paired)
        .map(|e| td_string!(locale, home.enrolled_waiting, program = &e.name))
        .collect();
    let has_due = !items.is_empty() || feedback_due > 0;
    let no_meeting = h.next_meeting.is_none();
    view! {
        {has_due.then(|| view! {
            <section class="card home-due" aria-labelledby="due-title">
                <h2 id="due-title">{t!(i18n, home.due_title)}</h2>
                <ul class="due-list">
                    {(feedback_due > 0).then(|| view! {
                        <li id="due-feedback"><a href="/feedback">{t!(i18n, home.due_feedback, count = move || feedback_due)}</a></li>
                    })}
                    {items.into_iter().map(|d| view! { <li id=d.id><a href=d.href>{d.text}</a></li> }).collect_view()}
                </ul>
            </section>
        })}
        {waiting.into_iter().map(|text| view! { <p class="alert home-waiting" role="status">{text}</p> }).collect_view()}
        {h.next_meeting.map(|m| view! { <NextMeeting m /> })}
        {(!h.pairs.is_empty()).then(|| view! {
            <section class="home-pairs" aria-labelledby="pairs-title">
                <h2 id="pairs-title">{t!(i18n, home.pairs_title)}</h2>
                <ul class="pair-list">
                    {h.pairs.into_iter().map(|p| view! { <PairLine p /> }).collect_view()}
                </ul>
                {no_meeting.then(|| view! { <p class="hint" id="no-meeting">{t!(i18n, home.no_meeting)}</p> })}
            </section>
        })}
    }
}

#[component]
fn PairLine(p: HomePair) -> impl IntoView {
    let i18n = use_i18n();
    let name = p.other_name.clone();
    let status = p.status;
    let status_text = move || match status {
        PairStatus::Published => t_string!(i18n, home.pair_status_published),
        PairStatus::Paused => t_string!(i18n, home.pair_status_paused),
        PairStatus::Active => t_string!(i18n, home.pair_status_active),
        // Not listed on the home page; named plainly should that ever change.
        PairStatus::Draft | PairStatus::Ended => {
            crate::board::text::pair_status_text(i18n.get_locale(), status)
        }
    };
    view! {
        <li class="pair-card home-pair" data-status=p.status.as_str() data-pair=p.key.clone()>
            <p class="pair-card__people">
                <strong>
                    {if p.i_mentor {
                        t!(i18n, pair.you_mentor, name = move || name.clone()).into_any()
                    } else {
                        t!(i18n, pair.you_mentee, name = move || name.clone()).into_any()
                    }}
                </strong>
                <span class="badge" data-status=p.status.as_str()>{status_text}</span>
            </p>
            <p class="muted">{t!(i18n, pair.program)} ": " {p.program.clone()}</p>
            <p><a class="button" href=format!("/pair/{}", p.key)>{t!(i18n, workspace.open)}</a></p>
        </li>
    }
}

#[component]
fn NextMeeting(m: HomeMeeting) -> impl IntoView {
    let i18n = use_i18n();
    let with = m.with.clone();
    view! {
        <section class="card home-meeting" aria-labelledby="meeting-title" id="next-meeting">
            <h2 id="meeting-title">{t!(i18n, home.next_meeting_title)}</h2>
            <p>
                <a href=format!("/pair/{}", m.pair)><strong>{m.when.clone()}</strong></a>
                " · " {move || t_string!(i18n, home.next_meeting_with, name = &with)}
            </p>
            {(!m.confirmed).then(|| view! { <p class="hint">{t!(i18n, home.meeting_unconfirmed)}</p> })}
        </section>
    }
}

/// HR's programs with their counts and next step.
#[component]
fn ManagerHome() -> impl IntoView {
    let i18n = use_i18n();
    let programs = Resource::new(|| (), |_| manager_dashboard());
    view! {
        <section class="home-programs" aria-labelledby="home-programs-title">
            <h2 id="home-programs-title">{t!(i18n, home.programs_title)}</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match programs.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(list) if list.is_empty() => view! {
                            <EmptyState
                                title=Signal::derive(move || t_string!(i18n, home.no_programs_title).to_owned())
                                body=Signal::derive(move || t_string!(i18n, home.no_programs_body).to_owned())
                            >
                                <a class="button button--primary" href="/programs" id="create-program">{t!(i18n, home.create_program)}</a>
                            </EmptyState>
                        }
                        .into_any(),
                        Ok(list) => view! {
                            <ul class="home-program-list">
                                {list.into_iter().map(|p| view! { <ProgramLine p /> }).collect_view()}
                            </ul>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The next steps of a program in its stage: `(link, label, id)`.
fn next_steps(
    i18n: leptos_i18n::I18nContext<Locale>,
    key: &str,
    status: ProgramStatus,
) -> Vec<(String, &'static str, &'static str)> {
    let program = format!("/programs/{key}");
    match status {
        ProgramStatus::Draft => vec![(program, t_string!(i18n, home.next_draft), "open-enrolment")],
        ProgramStatus::Enrolling => vec![
            (
                format!("{program}/import"),
                t_string!(i18n, home.next_enrolling_import),
                "import",
            ),
            (program, t_string!(i18n, home.next_enrolling_invite), "invite"),
        ],
        ProgramStatus::Matching => vec![(
            format!("{program}/pairs"),
            t_string!(i18n, home.next_matching),
            "board",
        )],
        ProgramStatus::Active => vec![(
            format!("{program}/risk"),
            t_string!(i18n, home.next_active),
            "risk",
        )],
        ProgramStatus::Closed => vec![(
            format!("{program}/feedback"),
            t_string!(i18n, home.next_closed),
            "results",
        )],
    }
}

#[component]
fn ProgramLine(p: ProgramCard) -> impl IntoView {
    let i18n = use_i18n();
    let status = p.status;
    let key = p.key.clone();
    let counts = move || {
        let mut c = vec![
            ("enrolled", t_string!(i18n, home.count_enrolled), p.enrolled),
            ("mentors", t_string!(i18n, home.count_mentors), p.mentors),
            ("mentees", t_string!(i18n, home.count_mentees), p.mentees),
        ];
        if matches!(
            status,
            ProgramStatus::Matching | ProgramStatus::Active | ProgramStatus::Closed
        ) {
            c.push(("published", t_string!(i18n, home.count_published), p.published));
            c.push(("active", t_string!(i18n, home.count_active), p.active));
        }
        if let Some(n) = p.at_risk {
            c.push(("at_risk", t_string!(i18n, home.count_at_risk), n));
        }
        c.into_iter()
            .map(|(name, label, n)| view! { <div data-count=name><dt>{label}</dt><dd>{n}</dd></div> })
            .collect_view()
    };
    let steps = move || {
        next_steps(i18n, &key, status)
            .into_iter()
            .enumerate()
            .map(|(i, (href, label, id))| {
                let class = if i == 0 {
                    "button button--primary"
                } else {
                    "button"
                };
                view! { <a class=class href=href data-next=id>{label}</a> }
            })
            .collect_view()
    };
    view! {
        <li class="card home-program" data-status=status.as_str() data-program=p.key.clone()>
            <p class="home-program__head">
                <a href=format!("/programs/{}", p.key) class="program-card__name">{p.name.clone()}</a>
                <span class="badge" data-status=status.as_str()>{move || stage_label(i18n, status)}</span>
            </p>
            <dl class="home-counts">{counts}</dl>
            <p class="home-program__next">{steps}</p>
        </li>
    }
}

#[component]
fn AdminOverview() -> impl IntoView {
    let i18n = use_i18n();
    let stats = Resource::new(|| (), |_| load_account_stats());
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match stats.await {
                    Ok(s) => view! {
                        <dl class="stats">
                            <div><dt>{t!(i18n, home.users_count)}</dt><dd>{s.total}</dd></div>
                            <div><dt>{t!(i18n, home.admins_count)}</dt><dd>{s.admins}</dd></div>
                            <div><dt>{t!(i18n, home.managers_count)}</dt><dd>{s.managers}</dd></div>
                            <div><dt>{t!(i18n, home.participants_count)}</dt><dd>{s.participants}</dd></div>
                        </dl>
                    }
                    .into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
