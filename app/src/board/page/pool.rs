//! Who is left: mentees in no pair with why, mentors with free seats, HR's forbidden pairs,
//! and the keyboard "move to…" panel.

use super::pairs::Chip;
use super::*;

/// Mentees in no pair, with why.
#[component]
pub(super) fn UnpairedMentees() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<Ctx>();
    let list = {
        let ctx = ctx.clone();
        move || {
            ctx.rules_version.track();
            let placed: HashSet<String> = ctx.pairs.with(|p| {
                p.iter()
                    .chain(ctx.published.iter())
                    .map(|(e, _)| e.clone())
                    .collect()
            });
            let ran = !placed.is_empty();
            ctx.engine
                .0
                .mentees
                .iter()
                .filter(|m| !placed.contains(&m.id))
                .map(|m| {
                    let note = if ctx.engine.requires_training() && !m.training_complete {
                        BoardNote::TrainingIncomplete
                    } else if ran {
                        ctx.engine.unpaired_note(&m.id)
                    } else {
                        BoardNote::NotPairedYet
                    };
                    (m.id.clone(), note)
                })
                .collect::<Vec<_>>()
        }
    };
    view! {
        <section class="card pool" aria-labelledby="unpaired-title" data-drop="pool">
            <h2 id="unpaired-title">{t!(i18n, board.unpaired)}</h2>
            <ul class="people">
                <For each=list key=|p| p.clone() children=move |(key, note)| view! { <PoolPerson key side=Side::Mentee note /> } />
            </ul>
            <p class="hint needs-js drop-hint">{t!(i18n, board.drop_here)}</p>
        </section>
    }
}

/// Mentors with free seats.
#[component]
pub(super) fn FreeMentors() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<Ctx>();
    let list = {
        let ctx = ctx.clone();
        move || {
            let mut used: HashMap<String, i32> = HashMap::new();
            ctx.pairs.with(|p| {
                for (_, r) in p.iter().chain(ctx.published.iter()) {
                    *used.entry(r.clone()).or_default() += 1;
                }
            });
            ctx.engine
                .0
                .mentors
                .iter()
                .filter_map(|r| {
                    let free = r.capacity - used.get(&r.id).copied().unwrap_or(0);
                    let note = if ctx.engine.requires_training() && !r.training_complete {
                        BoardNote::TrainingIncomplete
                    } else {
                        BoardNote::FreeSeats(free)
                    };
                    (free > 0).then(|| (r.id.clone(), note))
                })
                .collect::<Vec<_>>()
        }
    };
    view! {
        <section class="card pool" aria-labelledby="free-title" data-drop="pool">
            <h2 id="free-title">{t!(i18n, board.free)}</h2>
            <ul class="people">
                <For each=list key=|p| p.clone() children=move |(key, note)| view! { <PoolPerson key side=Side::Mentor note /> } />
            </ul>
        </section>
    }
}

#[component]
fn PoolPerson(key: String, side: Side, note: BoardNote) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<Ctx>();
    let shows = {
        let (ctx, key) = (ctx.clone(), key.clone());
        move || ctx.shows(&key)
    };
    // HR may waive the required training for this one person (a plain form: the board reloads
    // with them eligible).
    let waive = (note == BoardNote::TrainingIncomplete).then(|| {
        view! {
            <form method="post" action="/api/waive_training" class="inline-form">
                <input type="hidden" name="program" value=ctx.program.clone() />
                <input type="hidden" name="employee" value=key.clone() />
                <button type="submit" class="link-button">{t!(i18n, board.waive_training)}</button>
            </form>
        }
    });
    view! {
        <li data-employee=key.clone() data-drop=format!("person:{key}") data-note=format!("{note:?}")
            class:hidden=move || !shows()>
            <Chip source=Source { person: key.clone(), side, from: None } locked=false />
            " — "
            <span class="muted">{note_text(i18n, note)}</span>
            " " {waive}
        </li>
    }
}

/// HR's forbidden pairs, each with a way to allow it again.
#[component]
pub(super) fn Forbids() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<Ctx>();
    let forbids = ctx.forbids;
    move || {
        let list = forbids.get();
        (!list.is_empty()).then(|| {
            let ctx = ctx.clone();
            view! {
                <section class="card" aria-labelledby="forbids-title">
                    <h2 id="forbids-title">{t!(i18n, board.forbids)}</h2>
                    <ul class="people forbids">
                        {list.into_iter().map(|pair| {
                            let ctx = ctx.clone();
                            let (mentee, mentor) = pair.clone();
                            let label = format!("{} ⇄ {}", ctx.engine.name(&pair.1), ctx.engine.name(&pair.0));
                            view! {
                                <li data-mentee=mentee data-mentor=mentor>
                                    {label} " "
                                    {ctx.editable.then(|| view! {
                                        <button type="button" class="link-button needs-js" on:click=move |_| ctx.allow(&pair)>
                                            {t!(i18n, board.allow)}
                                        </button>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// The keyboard way to move someone: a list of every place they can go.
#[component]
pub(super) fn MovePanel() -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<Ctx>();
    let select = NodeRef::<leptos::html::Select>::new();
    let moving = ctx.moving;
    Effect::new(move |_| {
        if moving.with(Option::is_some)
            && let Some(el) = select.get()
        {
            let _ = el.focus();
        }
    });
    move || {
        let src = moving.get()?;
        let ctx = ctx.clone();
        let options = move_options(&ctx, &src, i18n.get_locale_untracked());
        let name = ctx.engine.name(&src.person);
        let (go_ctx, go_src) = (ctx.clone(), src.clone());
        let go = move || {
            let value = select.get().map(|s| s.value()).unwrap_or_default();
            if let Some(to) = parse_target(&value) {
                go_ctx.try_move(go_src.clone(), to);
            }
        };
        let go2 = go.clone();
        Some(view! {
            <div class="move-panel card" role="dialog" aria-labelledby="move-title"
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Escape" { moving.set(None); }
                    if ev.key() == "Enter" { ev.prevent_default(); go2(); }
                }>
                <h2 id="move-title">{move || t_string!(i18n, board.move_title, name = &name)}</h2>
                <label class="field">
                    <span>{t!(i18n, board.move_target)}</span>
                    <select id="move-target" node_ref=select>
                        {options.into_iter().map(|(v, label)| view! { <option value=v>{label}</option> }).collect_view()}
                    </select>
                </label>
                <div class="lifecycle">
                    <button type="button" class="button button--primary" id="move-do" on:click=move |_| go()>{t!(i18n, board.move_do)}</button>
                    <button type="button" class="button" on:click=move |_| moving.set(None)>{t!(i18n, board.move_cancel)}</button>
                </div>
            </div>
        })
    }
}

/// Every place `src` may be moved to, as `(data-drop value, label)`.
fn move_options(ctx: &Ctx, src: &Source, locale: Locale) -> Vec<(String, String)> {
    let name = |k: &str| ctx.engine.name(k);
    let pairs = ctx.pairs.get_untracked();
    let mut out = Vec::new();
    for (e, r) in &pairs {
        if Some(e) == src.from.as_ref() || ctx.is_locked(e) {
            continue;
        }
        let label = match (src.side, src.from.is_some()) {
            (Side::Mentor, true) => td_string!(
                locale,
                board.move_swap_mentor,
                mentee = &name(e),
                mentor = &name(r)
            ),
            (Side::Mentor, false) => td_string!(
                locale,
                board.move_replace_mentor,
                mentee = &name(e),
                mentor = &name(r)
            ),
            (Side::Mentee, true) => td_string!(
                locale,
                board.move_swap_mentee,
                mentee = &name(e),
                mentor = &name(r)
            ),
            (Side::Mentee, false) => td_string!(
                locale,
                board.move_replace_mentee,
                mentee = &name(e),
                mentor = &name(r)
            ),
        };
        out.push((format!("pair:{e}"), label));
    }
    let placed: HashSet<&String> = pairs.iter().chain(ctx.published.iter()).map(|(e, _)| e).collect();
    match src.side {
        Side::Mentor => {
            for m in ctx.engine.0.mentees.iter().filter(|m| !placed.contains(&m.id)) {
                out.push((
                    format!("person:{}", m.id),
                    td_string!(locale, board.move_new_with, name = &name(&m.id)),
                ));
            }
        }
        Side::Mentee => {
            for r in &ctx.engine.0.mentors {
                let used = pairs
                    .iter()
                    .chain(ctx.published.iter())
                    .filter(|(_, x)| *x == r.id)
                    .count();
                let full = i32::try_from(used).unwrap_or(i32::MAX) >= r.capacity;
                let current = src.from.is_some()
                    && pairs
                        .iter()
                        .any(|(e, x)| Some(e) == src.from.as_ref() && *x == r.id);
                if !full && !current {
                    out.push((
                        format!("person:{}", r.id),
                        td_string!(locale, board.move_new_with, name = &name(&r.id)),
                    ));
                }
            }
        }
    }
    if src.from.is_some() {
        out.push(("pool".to_owned(), td_string!(locale, board.move_pool).to_string()));
    }
    out
}

fn note_text(i18n: leptos_i18n::I18nContext<Locale>, note: BoardNote) -> AnyView {
    match note {
        BoardNote::NoEligibleMentor => t!(i18n, board.note_no_eligible).into_any(),
        BoardNote::CapacityUsedUp => t!(i18n, board.note_capacity).into_any(),
        BoardNote::NoMentorCapacity => t!(i18n, board.note_no_capacity).into_any(),
        BoardNote::NotPairedYet => t!(i18n, board.note_not_yet).into_any(),
        BoardNote::TrainingIncomplete => t!(i18n, board.note_training).into_any(),
        BoardNote::FreeSeats(n) => t!(i18n, board.note_free, count = move || n).into_any(),
    }
}
