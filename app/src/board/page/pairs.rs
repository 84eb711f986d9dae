//! The board's pairs: each card with its two people, score, explanation and HR's decision
//! about a pair that no longer meets a rule.

use super::*;

/// The pairs: published ones first (locked), then the drafts HR can change.
#[component]
pub(super) fn PairList() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let published = ctx.published.clone();
    let pairs = ctx.pairs;
    view! {
        <ul class="pair-list pair-list--board">
            {published.iter().map(|(e, r)| view! { <PairCard mentee=e.clone() mentor=r.clone() published=true /> }).collect_view()}
            <For
                each=move || pairs.get()
                key=|p| p.clone()
                children=move |(mentee, mentor)| view! { <PairCard mentee mentor published=false /> }
            />
        </ul>
    }
}

/// A person on the board: draggable (mouse and touch) when their pair may change, with a
/// "move…" button for keyboard users.
#[component]
pub(super) fn Chip(source: Source, #[prop(into)] locked: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<Ctx>();
    let name = ctx.engine.name(&source.person);
    let (detail, unchecked) = ctx.engine.detail(&source.person);
    let (drag_src, touch_src, move_src) = (source.clone(), source.clone(), source.clone());
    let (drag_ctx, end_ctx, move_ctx) = (ctx.clone(), ctx.clone(), ctx.clone());
    let editable = ctx.editable;
    let movable = move || editable && !locked.get();
    let label = name.clone();
    view! {
        <span
            class="chip-person"
            data-person=source.person.clone()
            data-side=match source.side { Side::Mentor => "mentor", Side::Mentee => "mentee" }
            draggable=move || if movable() { "true" } else { "false" }
            on:dragstart=move |ev: leptos::ev::DragEvent| {
                if let Some(dt) = ev.data_transfer() {
                    let _ = dt.set_data("text/plain", &drag_src.person);
                    dt.set_effect_allowed("move");
                }
                drag_ctx.dragging.set(Some(drag_src.clone()));
            }
            on:dragend=move |_| end_ctx.dragging.set(None)
            on:pointerdown={
                let ctx = ctx.clone();
                move |ev: leptos::ev::PointerEvent| {
                    if ev.pointer_type() == "touch" && movable() {
                        ctx.dragging.set(Some(touch_src.clone()));
                    }
                }
            }
        >
            <strong>{name}</strong>
            {unchecked.then(|| view! {
                <span class="chip-person__unchecked" data-unchecked="true" title=move || td_string!(i18n.get_locale(), board.reporting_unchecked)>
                    <Icon kind=IconKind::Warning size=14 />
                    <span class="visually-hidden">{t!(i18n, board.reporting_unchecked)}</span>
                </span>
            })}
            {move || movable().then(|| {
                let (src, ctx, label) = (move_src.clone(), move_ctx.clone(), label.clone());
                view! {
                    <button type="button" class="link-button needs-js move-button"
                        aria-label=move || t_string!(i18n, board.move_title, name = &label)
                        on:click=move |_| ctx.moving.set(Some(src.clone()))>
                        {t!(i18n, board.move_to)}
                    </button>
                }
            })}
            <span class="chip-person__detail">{detail}</span>
        </span>
    }
}

#[component]
fn PairCard(mentee: String, mentor: String, published: bool) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<Ctx>();
    let score = {
        let (ctx, e, r) = (ctx.clone(), mentee.clone(), mentor.clone());
        Memo::new(move |_| {
            ctx.rules_version.track();
            ctx.engine.score(&e, &r)
        })
    };
    let pinned = {
        let (pins, pair) = (ctx.pins, (mentee.clone(), mentor.clone()));
        Signal::derive(move || pins.with(|p| p.contains(&pair)))
    };
    let locked = Signal::derive(move || published || pinned.get());
    let visible = {
        let (ctx, e, r) = (ctx.clone(), mentee.clone(), mentor.clone());
        move || {
            let by_filter = match ctx.filter.get().as_str() {
                "pinned" => pinned.get(),
                "low" => score.with(|s| s.as_ref().is_some_and(|s| s.score < LOW_SCORE)),
                "draft" => !published,
                _ => true,
            };
            by_filter && (ctx.shows(&e) || ctx.shows(&r))
        }
    };
    let status = if published { "published" } else { "draft" };
    let (needs, kept) = ctx
        .decisions
        .get(&(mentee.clone(), mentor.clone()))
        .cloned()
        .unwrap_or_default();
    let needs_decision = !needs.is_empty();
    let decision = (needs_decision || !kept.is_empty()).then(|| {
        view! { <Decision mentee=mentee.clone() mentor=mentor.clone() published needs kept /> }
    });
    let drop = format!("pair:{mentee}");
    let (pin_ctx, forbid_ctx) = (ctx.clone(), ctx.clone());
    let (pe, pr, fe, fr) = (mentee.clone(), mentor.clone(), mentee.clone(), mentor.clone());
    view! {
        <li class="pair-card" class:hidden=move || !visible()
            data-mentee=mentee.clone() data-mentor=mentor.clone() data-status=status
            data-needs-decision=needs_decision.to_string()
            data-pinned=move || pinned.get().to_string()
            data-drop=move || (!locked.get()).then(|| drop.clone())>
            <div class="pair-card__people">
                <span class="muted">{t!(i18n, board.mentor)} ":"</span>
                <Chip source=Source { person: mentor.clone(), side: Side::Mentor, from: Some(mentee.clone()) } locked />
                <span aria-hidden="true">"⇄"</span>
                <span class="muted">{t!(i18n, board.mentee)} ":"</span>
                <Chip source=Source { person: mentee.clone(), side: Side::Mentee, from: Some(mentee.clone()) } locked />
            </div>
            <div class="pair-card__meta">
                <span class="score" title=move || t_string!(i18n, board.score)>
                    {move || score.with(|s| s.as_ref().map_or(0, |s| s.score))}
                </span>
                <span class="badge" data-status=status>
                    {if published { t!(i18n, board.published).into_any() } else { t!(i18n, board.draft).into_any() }}
                </span>
                {move || pinned.get().then(|| view! { <span class="badge badge--pin"><Icon kind=IconKind::Pin /> " " {t!(i18n, board.pinned)}</span> })}
                {move || score.with(|s| s.as_ref().is_some_and(|s| !s.eligible)).then(|| view! {
                    <span class="badge badge--warn">{t!(i18n, board.ineligible)}</span>
                })}
                {(!published && ctx.editable).then(|| view! {
                    <span class="pair-card__tools needs-js">
                        <button type="button" class="link-button pin-button" aria-pressed=move || pinned.get().to_string()
                            on:click=move |_| pin_ctx.toggle_pin(&pe, &pr)>
                            {move || if pinned.get() { t_string!(i18n, board.unpin) } else { t_string!(i18n, board.pin) }}
                        </button>
                        <button type="button" class="link-button forbid-button" on:click=move |_| forbid_ctx.forbid(&fe, &fr)>
                            {t!(i18n, board.forbid)}
                        </button>
                    </span>
                })}
            </div>
            {decision}
            <details class="why">
                <summary>{t!(i18n, board.why)}</summary>
                {move || score.get().map(|s| view! { <Explanation criteria=s.explanation /> })}
            </details>
        </li>
    }
}

/// A pair that breaks a rule since the data changed: why, and HR's choices — keep a published
/// pair as it is, or undo the pair (a published one ends, and both people are told the reason).
/// Plain forms, so they work without JavaScript too. A pair HR already kept says so instead.
#[component]
fn Decision(
    mentee: String,
    mentor: String,
    published: bool,
    needs: Vec<BoardViolation>,
    kept: Vec<BoardViolation>,
) -> impl IntoView {
    let i18n = use_i18n();
    let ctx = expect_context::<Ctx>();
    let reasons = {
        let ctx = ctx.clone();
        move |list: &[BoardViolation]| {
            let locale = i18n.get_locale();
            let name = |k: &str| ctx.engine.name(k);
            list.iter()
                .map(|v| violation_text(locale, v, &name))
                .collect::<Vec<_>>()
        }
    };
    if needs.is_empty() {
        let text = {
            let reasons = reasons.clone();
            move || reasons(&kept).join("; ")
        };
        return view! {
            <p class="kept-despite" data-kept="true">
                <span class="badge">{t!(i18n, board.kept_despite)}</span> " " <span class="muted">{text}</span>
            </p>
        }
        .into_any();
    }
    let first_reason = reasons(&needs).join("; ");
    let list = {
        let (reasons, needs) = (reasons.clone(), needs.clone());
        move || {
            reasons(&needs)
                .into_iter()
                .map(|r| view! { <li>{r}</li> })
                .collect_view()
        }
    };
    let forms = ctx.editable.then(|| {
        let (program, decide) = (ctx.program.clone(), ctx.decide);
        let reason_id = format!("decide-reason-{mentee}");
        let hidden = move |decision: &'static str| {
            view! {
                <input type="hidden" name="program" value=program.clone() />
                <input type="hidden" name="mentee" value=mentee.clone() />
                <input type="hidden" name="mentor" value=mentor.clone() />
                <input type="hidden" name="decision" value=decision />
            }
        };
        let keep_hidden = hidden.clone();
        let keep = published.then(move || {
            view! {
                <ActionForm action=decide attr:class="lifecycle__form decide-keep">
                    {keep_hidden("keep")}
                    <button type="submit" class="button">{t!(i18n, board.decide_keep)}</button>
                </ActionForm>
            }
        });
        view! {
            <div class="lifecycle decide">
                {keep}
                <ActionForm action=decide attr:class="lifecycle__form decide-unpair">
                    {hidden("unpair")}
                    {published.then(|| view! {
                        <label class="field">
                            <span>{t!(i18n, board.decide_reason)}</span>
                            <input type="text" name="reason" id=reason_id required maxlength="500" value=first_reason />
                        </label>
                    })}
                    <button type="submit" class="button">{t!(i18n, board.decide_unpair)}</button>
                </ActionForm>
            </div>
        }
    });
    view! {
        <div class="needs-decision" role="note">
            <p><span class="badge badge--warn">{t!(i18n, board.needs_decision)}</span></p>
            <ul class="needs-decision__reasons">{list}</ul>
            <p class="hint">{t!(i18n, board.needs_decision_hint)}</p>
            {forms}
        </div>
    }
    .into_any()
}

#[component]
fn Explanation(criteria: Vec<CriterionScore>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = criteria
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
    view! { <ul>{rows}</ul> }
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
