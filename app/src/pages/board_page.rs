//! `/programs/:key/pairs`: the pairing board — run the engine, review every pair with its
//! explanation, see who is left and why, check topic supply and demand, publish.

use domain::pairing::{Criterion, CriterionScore};
use domain::{ProgramStatus, Role};
use leptos::form::ActionForm;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::api::pairing::{PublishPairs, RunMatching, load_board};
use crate::components::empty_state::EmptyState;
use crate::components::form_error::FormError;
use crate::components::loading::{Loading, NotFoundPanel};
use crate::components::role_gate::RoleGate;
use crate::i18n::*;
use crate::model::{BoardNote, BoardPair, BoardPerson, BoardView};

/// Pairing board page.
#[component]
pub fn BoardPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::ProgramManager>
            <Board />
        </RoleGate>
    }
}

#[component]
fn Board() -> impl IntoView {
    let params = use_params_map();
    let key = move || params.with(|p| p.get("key")).unwrap_or_default();
    let run = ServerAction::<RunMatching>::new();
    let publish = ServerAction::<PublishPairs>::new();
    let board = Resource::new(
        move || (key(), run.version().get(), publish.version().get()),
        |(key, _, _)| load_board(key),
    );
    view! {
        <section class="page">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match board.await {
                        Err(e) => view! { <NotFoundPanel message=e.message /> }.into_any(),
                        Ok(b) => view! { <BoardBody b run publish /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn BoardBody(
    b: BoardView,
    run: ServerAction<RunMatching>,
    publish: ServerAction<PublishPairs>,
) -> impl IntoView {
    let i18n = use_i18n();
    let run_key = b.program.key.clone();
    let publish_key = b.program.key.clone();
    let matching = b.program.status == ProgramStatus::Matching;
    let drafts = b.pairs.iter().filter(|p| p.status == "draft").count();
    let run_result = Signal::derive(move || run.value().get().map(|r| r.map(|_| ())));
    let publish_result = Signal::derive(move || publish.value().get().map(|r| r.map(|_| ())));
    let pairs = b.pairs.clone();
    let has_pairs = !pairs.is_empty();
    view! {
        <p><a href=format!("/programs/{}", b.program.key)>"← " {b.program.name.clone()}</a></p>
        <h1>{t!(i18n, board.title)}</h1>
        <section class="card board-actions">
            {(!matching).then(|| view! { <p class="hint">{t!(i18n, board.only_matching)}</p> })}
            <FormError result=run_result />
            <FormError result=publish_result />
            {move || run.value().get().and_then(Result::ok).map(|n| view! {
                <p class="alert alert--ok" role="status">{t!(i18n, board.ran, count = move || n)}</p>
            })}
            {move || publish.value().get().and_then(Result::ok).map(|n| view! {
                <p class="alert alert--ok" role="status">{t!(i18n, board.published_done, count = move || n)}</p>
            })}
            <div class="lifecycle">
                <ActionForm action=run attr:class="lifecycle__form">
                    <input type="hidden" name="program" value=run_key />
                    <button type="submit" class="button button--primary" disabled=!matching aria-busy=move || run.pending().get().then_some("true")>
                        {move || if run.pending().get() { t_string!(i18n, board.running) } else { t_string!(i18n, board.run) }}
                    </button>
                </ActionForm>
                <ActionForm action=publish attr:class="lifecycle__form">
                    <input type="hidden" name="program" value=publish_key />
                    <p class="hint">{t!(i18n, board.publish_confirm)}</p>
                    <button type="submit" class="button" disabled=!matching || drafts == 0>{t!(i18n, board.publish)}</button>
                </ActionForm>
            </div>
        </section>
        <h2>{t!(i18n, board.pairs)}</h2>
        {if has_pairs {
            view! { <ul class="pair-list">{pairs.into_iter().map(|p| view! { <PairCard p /> }).collect_view()}</ul> }.into_any()
        } else {
            view! {
                <EmptyState
                    title=Signal::derive(move || t_string!(i18n, board.empty_title).to_owned())
                    body=Signal::derive(move || t_string!(i18n, board.empty_body).to_owned())
                />
            }
            .into_any()
        }}
        <div class="board-columns">
            <section class="card" aria-labelledby="unpaired-title">
                <h2 id="unpaired-title">{t!(i18n, board.unpaired)}</h2>
                <ul class="people">
                    {people_items(i18n, b.unpaired_mentees)}
                </ul>
            </section>
            <section class="card" aria-labelledby="free-title">
                <h2 id="free-title">{t!(i18n, board.free)}</h2>
                <ul class="people">
                    {people_items(i18n, b.free_mentors)}
                </ul>
            </section>
        </div>
        <section class="card" aria-labelledby="supply-title">
            <h2 id="supply-title">{t!(i18n, board.supply)}</h2>
            <div class="table-wrap">
                <table class="table supply">
                    <thead><tr>
                        <th scope="col">{t!(i18n, board.topic)}</th>
                        <th scope="col">{t!(i18n, board.wanted)}</th>
                        <th scope="col">{t!(i18n, board.taught)}</th>
                    </tr></thead>
                    <tbody>
                        {b.supply.into_iter().map(|t| {
                            let short = t.ratio.is_some_and(|r| r < 1.0);
                            let topic = t.topic.clone();
                            view! {
                                <tr data-topic=t.topic.clone() data-short=short.to_string()>
                                    <td>{move || topic_label(i18n, &topic)}</td><td>{t.wanted_by}</td><td>{t.taught_by}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// One list item per person: name and the board's note about them.
fn people_items(i18n: leptos_i18n::I18nContext<Locale>, people: Vec<BoardPerson>) -> impl IntoView {
    people
        .into_iter()
        .map(|m| {
            view! {
                <li data-employee=m.key.clone()>
                    <strong>{m.name.clone()}</strong>
                    " — "
                    <span class="muted">{note_text(i18n, m.note)}</span>
                </li>
            }
        })
        .collect_view()
}

fn note_text(i18n: leptos_i18n::I18nContext<Locale>, note: BoardNote) -> AnyView {
    match note {
        BoardNote::NoEligibleMentor => t!(i18n, board.note_no_eligible).into_any(),
        BoardNote::CapacityUsedUp => t!(i18n, board.note_capacity).into_any(),
        BoardNote::NotPairedYet => t!(i18n, board.note_not_yet).into_any(),
        BoardNote::FreeSeats(n) => t!(i18n, board.note_free, count = move || n).into_any(),
    }
}

/// A topic key in the current language (the default catalogue's label, else the key itself).
fn topic_label(i18n: leptos_i18n::I18nContext<Locale>, key: &str) -> String {
    match domain::topics::default_topic(key) {
        Some(t) if i18n.get_locale() == Locale::en => t.en.to_owned(),
        Some(t) => t.es.to_owned(),
        None => key.to_owned(),
    }
}

fn criterion_text(i18n: leptos_i18n::I18nContext<Locale>, c: Criterion) -> &'static str {
    match c {
        Criterion::MentorTeaches => t_string!(i18n, board.crit_mentor_teaches),
        Criterion::MenteeTeaches => t_string!(i18n, board.crit_mentee_teaches),
        Criterion::SharedInterests => t_string!(i18n, board.crit_shared_interests),
        Criterion::SharedAvailability => t_string!(i18n, board.crit_shared_availability),
        Criterion::DifferentDepartment => t_string!(i18n, board.crit_different_department),
        Criterion::DifferentGeneration => t_string!(i18n, board.crit_different_generation),
    }
}

#[component]
fn PairCard(p: BoardPair) -> impl IntoView {
    let i18n = use_i18n();
    let rows = p
        .explanation
        .into_iter()
        .map(|c: CriterionScore| {
            let topics = matches!(c.criterion, Criterion::MentorTeaches | Criterion::MenteeTeaches);
            let items = c.matched.clone();
            let matched = move || {
                items
                    .iter()
                    .map(|m| if topics { topic_label(i18n, m) } else { m.clone() })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let any = !c.matched.is_empty();
            view! {
                <li data-criterion=format!("{:?}", c.criterion)>
                    <span>{move || criterion_text(i18n, c.criterion)}</span>
                    " · "
                    <span>{t!(i18n, board.points, points = move || c.points, weight = move || c.weight)}</span>
                    {any.then(|| view! { <span class="muted">" · " {matched}</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <li class="pair-card" data-mentee=p.mentee.clone() data-mentor=p.mentor.clone() data-status=p.status.clone()>
            <div class="pair-card__people">
                <span><span class="muted">{t!(i18n, board.mentor)} ": "</span><strong>{p.mentor_name.clone()}</strong></span>
                <span aria-hidden="true">"⇄"</span>
                <span><span class="muted">{t!(i18n, board.mentee)} ": "</span><strong>{p.mentee_name.clone()}</strong></span>
            </div>
            <div class="pair-card__meta">
                <span class="score" title=move || t_string!(i18n, board.score)>{p.score}</span>
                <span class="badge" data-status=p.status.clone()>
                    {if p.status == "draft" { t!(i18n, board.draft).into_any() } else { t!(i18n, board.published).into_any() }}
                </span>
            </div>
            <details class="why">
                <summary>{t!(i18n, board.why)}</summary>
                <ul>{rows}</ul>
            </details>
        </li>
    }
}
