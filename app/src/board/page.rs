//! `/programs/:key/pairs`: the pairing board — run the engine, review every pair with its
//! explanation, move people by hand (drag and drop, touch, or the keyboard "move to…"), pin and
//! forbid pairs, optimise the rest, undo, see who is left and why, check topic supply and demand,
//! publish.
//!
//! Every pair is scored by the domain crate where it is shown: on the server for the first
//! render and in the browser (WASM) after each move, so a drag re-scores only the pairs it
//! changed, before any round-trip. Each edit is then saved as a whole board, which the server
//! checks again.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, RwLock};

use domain::Role;
use domain::pairing::{
    BoardViolation, Criterion, CriterionScore, HardRule, Move, MoveError, PairScore, Person, Rules, Side,
    Target, Weights, apply_move, score_pair,
};
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::components::icon::{Icon, IconKind};
use leptos_router::hooks::use_params_map;

use crate::board::api::{DecidePair, PublishPairs, RunMatching, SaveBoard, load_board};
use crate::board::text::{move_error_text, violation_text};
use crate::components::empty_state::EmptyState;
use crate::components::form_error::FormError;
use crate::components::loading::{Loading, NotFoundPanel};
use crate::components::role_gate::RoleGate;
use crate::i18n::*;
use crate::{board::model::BoardEdit, board::model::BoardNote, board::model::BoardView};

/// Most board states kept for undo.
mod pairs;
mod pool;

use pairs::PairList;
use pool::{Forbids, FreeMentors, MovePanel, UnpairedMentees};

const UNDO_DEPTH: usize = 100;
/// Pairs scoring below this show under the "low score" filter.
const LOW_SCORE: i32 = 40;

/// Pairing board page.
#[component]
pub fn BoardPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::ProgramManager>
            <Board />
        </RoleGate>
    }
}

/// A board state HR can go back to.
#[derive(Debug, Clone, PartialEq, Default)]
struct Snapshot {
    pairs: Vec<(String, String)>,
    pins: Vec<(String, String)>,
    forbids: Vec<(String, String)>,
}

#[component]
fn Board() -> impl IntoView {
    let params = use_params_map();
    let key = move || params.with(|p| p.get("key")).unwrap_or_default();
    let run = ServerAction::<RunMatching>::new();
    let publish = ServerAction::<PublishPairs>::new();
    let decide = ServerAction::<DecidePair>::new();
    // Kept here so that undo reaches back across "optimise the rest", which reloads the board.
    let history = RwSignal::new(Vec::<Snapshot>::new());
    let board = Resource::new(
        move || {
            (
                key(),
                run.version().get(),
                publish.version().get(),
                decide.version().get(),
            )
        },
        |(key, _, _, _)| load_board(key),
    );
    // Only the latest step's message stays: "review and publish" goes once the pairs are
    // published, and the publication note goes when matching runs again. These live here,
    // beside the actions, because the board body is rebuilt each time the board reloads.
    Effect::new(move |_| {
        if publish.version().get() > 0 && matches!(publish.value().get_untracked(), Some(Ok(_))) {
            run.value().set(None);
        }
    });
    Effect::new(move |_| {
        if run.version().get() > 0 && matches!(run.value().get_untracked(), Some(Ok(_))) {
            publish.value().set(None);
        }
    });
    view! {
        <section class="page">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match board.await {
                        Err(e) => view! { <NotFoundPanel message=e.message /> }.into_any(),
                        Ok(b) => view! { <BoardBody b run publish decide history /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Profiles, rules and weights of the program, with a cache of pair scores. The cache is only
/// cleared when pins or forbids change (they are part of the rules), so a move scores just the
/// pairs it creates.
struct EngineInner {
    mentors: Vec<Person>,
    mentees: Vec<Person>,
    mentor_ix: HashMap<String, usize>,
    mentee_ix: HashMap<String, usize>,
    names: HashMap<String, String>,
    details: HashMap<String, (String, bool)>,
    topics: HashMap<String, (String, String)>,
    weights: Weights,
    rules: RwLock<Rules>,
    scores: Mutex<HashMap<(String, String), PairScore>>,
    unpaired_notes: Mutex<HashMap<String, BoardNote>>,
}

#[derive(Clone)]
struct Engine(Arc<EngineInner>);

impl Engine {
    fn new(b: &BoardView) -> Engine {
        let index = |people: &[Person]| {
            people
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.clone(), i))
                .collect()
        };
        Engine(Arc::new(EngineInner {
            mentor_ix: index(&b.mentors),
            mentee_ix: index(&b.mentees),
            mentors: b.mentors.clone(),
            mentees: b.mentees.clone(),
            names: b.names.iter().cloned().collect(),
            details: b
                .people
                .iter()
                .map(|p| (p.key.clone(), (p.detail.clone(), p.reporting_line_unchecked)))
                .collect(),
            topics: b
                .topics
                .iter()
                .map(|(k, es, en)| (k.clone(), (es.clone(), en.clone())))
                .collect(),
            weights: b.weights,
            rules: RwLock::new(b.rules.clone()),
            scores: Mutex::new(HashMap::new()),
            unpaired_notes: Mutex::new(HashMap::new()),
        }))
    }

    fn name(&self, key: &str) -> String {
        self.0.names.get(key).cloned().unwrap_or_else(|| key.to_owned())
    }

    /// The second line under a name (department or email) and whether the reporting-line rule
    /// could not be checked for the person.
    fn detail(&self, key: &str) -> (String, bool) {
        self.0.details.get(key).cloned().unwrap_or_default()
    }

    /// A topic key in the reader's language: the program's catalogue, else the default
    /// catalogue, else the key itself.
    fn topic(&self, key: &str, en: bool) -> String {
        if let Some((es_label, en_label)) = self.0.topics.get(key) {
            return if en { en_label.clone() } else { es_label.clone() };
        }
        match domain::topics::default_topic(key) {
            Some(t) if en => t.en.to_owned(),
            Some(t) => t.es.to_owned(),
            None => key.to_owned(),
        }
    }

    fn mentor(&self, key: &str) -> Option<&Person> {
        self.0.mentor_ix.get(key).map(|&j| &self.0.mentors[j])
    }

    fn mentee(&self, key: &str) -> Option<&Person> {
        self.0.mentee_ix.get(key).map(|&i| &self.0.mentees[i])
    }

    fn department(&self, key: &str) -> Option<String> {
        self.mentor(key)
            .or_else(|| self.mentee(key))
            .and_then(|p| p.department.clone())
    }

    fn capacity(&self, mentor: &str) -> i32 {
        self.mentor(mentor).map_or(0, |p| p.capacity)
    }

    /// Eligibility, score and explanation of a pair (cached until the rules change).
    fn score(&self, mentee: &str, mentor: &str) -> Option<PairScore> {
        self.with_score(mentee, mentor, PairScore::clone)
    }

    /// Looks at a pair's cached score (computing it once) without copying it.
    fn with_score<T>(&self, mentee: &str, mentor: &str, f: impl FnOnce(&PairScore) -> T) -> Option<T> {
        let k = (mentee.to_owned(), mentor.to_owned());
        let mut cache = self.0.scores.lock().ok()?;
        if let Some(s) = cache.get(&k) {
            return Some(f(s));
        }
        let (r, e) = (self.mentor(mentor)?, self.mentee(mentee)?);
        let rules = self.0.rules.read().ok()?;
        let s = score_pair(r, e, &rules, &self.0.weights);
        drop(rules);
        let out = f(&s);
        cache.insert(k, s);
        Some(out)
    }

    /// Why a mentee is in no pair, as the engine would say it: no mentor keeps the rules with
    /// them, those who do take nobody (capacity 0), or their seats are taken.
    fn unpaired_note(&self, mentee: &str) -> BoardNote {
        if let Some(known) = self
            .0
            .unpaired_notes
            .lock()
            .ok()
            .and_then(|m| m.get(mentee).copied())
        {
            return known;
        }
        let seats_count = self.0.rules.read().map(|r| r.respect_capacity).unwrap_or(true);
        let mut note = BoardNote::NoEligibleMentor;
        for r in &self.0.mentors {
            let keeps_rules = self
                .with_score(mentee, &r.id, |s| {
                    s.violations.iter().all(|v| *v == HardRule::MentorHasNoCapacity)
                })
                .unwrap_or(false);
            if keeps_rules && (r.capacity > 0 || !seats_count) {
                note = BoardNote::CapacityUsedUp;
                break;
            }
            if keeps_rules {
                note = BoardNote::NoMentorCapacity;
            }
        }
        if let Ok(mut m) = self.0.unpaired_notes.lock() {
            m.insert(mentee.to_owned(), note);
        }
        note
    }

    /// Whether the board requires training before matching.
    fn requires_training(&self) -> bool {
        self.0.rules.read().map(|r| r.require_training).unwrap_or(false)
    }

    fn set_rules(&self, pins: &[(String, String)], forbids: &[(String, String)]) {
        if let Ok(mut rules) = self.0.rules.write() {
            rules.pins = pins.to_vec();
            rules.forbids = forbids.to_vec();
        }
        if let Ok(mut s) = self.0.scores.lock() {
            s.clear();
        }
        if let Ok(mut e) = self.0.unpaired_notes.lock() {
            e.clear();
        }
    }
}

/// A person picked up on the board.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Source {
    person: String,
    side: Side,
    from: Option<String>,
}

/// What a pair breaks since it was made, and what HR kept it despite.
type Decided = (Vec<BoardViolation>, Vec<BoardViolation>);

/// Everything the board's parts share.
#[derive(Clone)]
struct Ctx {
    program: String,
    engine: Engine,
    editable: bool,
    published: Arc<Vec<(String, String)>>,
    pairs: RwSignal<Vec<(String, String)>>,
    pins: RwSignal<Vec<(String, String)>>,
    forbids: RwSignal<Vec<(String, String)>>,
    rules_version: RwSignal<u32>,
    history: RwSignal<Vec<Snapshot>>,
    notice: RwSignal<Option<String>>,
    moving: RwSignal<Option<Source>>,
    dragging: RwSignal<Option<Source>>,
    search: RwSignal<String>,
    department: RwSignal<String>,
    filter: RwSignal<String>,
    save: ServerAction<SaveBoard>,
    decide: ServerAction<DecidePair>,
    /// Per pair, what it breaks since the data changed (needs a decision) and what HR kept it
    /// despite, as the server found them when the board loaded.
    decisions: Arc<HashMap<(String, String), Decided>>,
    dirty: RwSignal<bool>,
    last_move_ms: RwSignal<Option<f64>>,
}

/// Milliseconds since the page started (0 on the server).
fn now_ms() -> f64 {
    #[cfg(feature = "hydrate")]
    {
        window().performance().map_or(0.0, |p| p.now())
    }
    #[cfg(not(feature = "hydrate"))]
    0.0
}

fn parse_target(s: &str) -> Option<Target> {
    match s.split_once(':') {
        None if s == "pool" => Some(Target::Pool),
        Some(("pair", k)) => Some(Target::Pair(k.to_owned())),
        Some(("person", k)) => Some(Target::Person(k.to_owned())),
        _ => None,
    }
}

/// The drop target under an element: the nearest ancestor with `data-drop`.
fn drop_target(el: Option<web_sys::Element>) -> Option<Target> {
    let el = el?.closest("[data-drop]").ok()??;
    parse_target(&el.get_attribute("data-drop")?)
}

impl Ctx {
    fn snapshot(&self) -> Snapshot {
        Snapshot {
            pairs: self.pairs.get_untracked(),
            pins: self.pins.get_untracked(),
            forbids: self.forbids.get_untracked(),
        }
    }

    fn remember(&self) {
        let s = self.snapshot();
        self.history.update(|h| {
            h.push(s);
            if h.len() > UNDO_DEPTH {
                h.remove(0);
            }
        });
    }

    fn edit(&self) -> BoardEdit {
        let s = self.snapshot();
        BoardEdit {
            program: self.program.clone(),
            pairs: s.pairs,
            pins: s.pins,
            forbids: s.forbids,
        }
    }

    /// Saves the board now, or right after the save in flight.
    fn persist(&self) {
        if self.save.pending().get_untracked() {
            self.dirty.set(true);
        } else {
            self.save.dispatch(SaveBoard { edit: self.edit() });
        }
    }

    fn is_locked(&self, mentee: &str) -> bool {
        self.published.iter().any(|(e, _)| e == mentee)
            || self.pins.with_untracked(|p| p.iter().any(|(e, _)| e == mentee))
    }

    fn locale(&self) -> Locale {
        use_i18n().get_locale_untracked()
    }

    /// Applies a move if the pairs it creates keep every rule and capacity; otherwise says why.
    fn try_move(&self, source: Source, to: Target) {
        if !self.editable {
            return;
        }
        let t0 = now_ms();
        let m = Move {
            person: source.person,
            side: source.side,
            from: source.from,
            to,
        };
        let mut next = self.pairs.get_untracked();
        let locked = |k: &str| self.is_locked(k);
        let changed = match apply_move(&mut next, &locked, &m) {
            Ok(changed) => changed,
            Err(MoveError::Nothing) => return,
            Err(e) => {
                self.notice.set(Some(move_error_text(self.locale(), e)));
                return;
            }
        };
        if let Some(v) = self.first_violation(&next, &changed) {
            let name = |k: &str| self.engine.name(k);
            let reason = violation_text(self.locale(), &v, &name);
            self.notice.set(Some(td_string!(
                self.locale(),
                board.move_refused,
                reason = &reason
            )));
            return;
        }
        self.remember();
        self.notice.set(None);
        self.moving.set(None);
        self.pairs.set(next);
        self.persist();
        let last = self.last_move_ms;
        leptos::task::spawn_local(async move {
            leptos::task::tick().await;
            last.set(Some(now_ms() - t0));
        });
    }

    /// What the changed pairs break: a hard rule, or their mentor's capacity.
    fn first_violation(&self, pairs: &[(String, String)], changed: &[String]) -> Option<BoardViolation> {
        let mut mentors = HashSet::new();
        for mentee in changed {
            let Some((e, r)) = pairs.iter().find(|(e, _)| e == mentee) else {
                continue;
            };
            mentors.insert(r.clone());
            let s = self.engine.score(e, r)?;
            if let Some(rule) = s.violations.first() {
                return Some(BoardViolation::RuleBroken {
                    mentee: e.clone(),
                    mentor: r.clone(),
                    rule: *rule,
                });
            }
        }
        for mentor in mentors {
            let assigned = pairs
                .iter()
                .chain(self.published.iter())
                .filter(|(_, r)| *r == mentor)
                .count();
            let assigned = i32::try_from(assigned).unwrap_or(i32::MAX);
            let capacity = self.engine.capacity(&mentor);
            if assigned > capacity {
                return Some(BoardViolation::OverCapacity {
                    mentor,
                    assigned,
                    capacity,
                });
            }
        }
        None
    }

    fn rules_changed(&self) {
        self.engine
            .set_rules(&self.pins.get_untracked(), &self.forbids.get_untracked());
        self.rules_version.update(|v| *v += 1);
        self.persist();
    }

    fn toggle_pin(&self, mentee: &str, mentor: &str) {
        self.remember();
        let pair = (mentee.to_owned(), mentor.to_owned());
        self.pins.update(|p| {
            if let Some(i) = p.iter().position(|x| *x == pair) {
                p.remove(i);
            } else {
                p.push(pair.clone());
            }
        });
        self.rules_changed();
    }

    fn forbid(&self, mentee: &str, mentor: &str) {
        self.remember();
        let pair = (mentee.to_owned(), mentor.to_owned());
        self.pairs.update(|p| p.retain(|x| *x != pair));
        self.pins.update(|p| p.retain(|x| *x != pair));
        self.forbids.update(|f| f.push(pair));
        self.rules_changed();
    }

    fn allow(&self, pair: &(String, String)) {
        self.remember();
        self.forbids.update(|f| f.retain(|x| x != pair));
        self.rules_changed();
    }

    fn undo(&self) {
        let Some(s) = self.history.try_update(|h| h.pop()).flatten() else {
            return;
        };
        self.pairs.set(s.pairs);
        self.pins.set(s.pins);
        self.forbids.set(s.forbids);
        self.notice.set(None);
        self.rules_changed();
    }

    /// Whether a person passes the search box and the department filter.
    fn shows(&self, key: &str) -> bool {
        let q = self.search.get().trim().to_lowercase();
        let dept = self.department.get();
        (q.is_empty() || self.engine.name(key).to_lowercase().contains(&q))
            && (dept.is_empty() || self.engine.department(key).as_deref() == Some(dept.as_str()))
    }
}

#[component]
fn BoardBody(
    b: BoardView,
    run: ServerAction<RunMatching>,
    publish: ServerAction<PublishPairs>,
    decide: ServerAction<DecidePair>,
    history: RwSignal<Vec<Snapshot>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let matching = b.program.status.pairs_editable();
    let (published, drafts): (Vec<_>, Vec<_>) = b.pairs.iter().partition(|p| !p.status.is_draft());
    let ctx = Ctx {
        program: b.program.key.clone(),
        engine: Engine::new(&b),
        editable: matching,
        published: Arc::new(
            published
                .iter()
                .map(|p| (p.mentee.clone(), p.mentor.clone()))
                .collect(),
        ),
        pairs: RwSignal::new(
            drafts
                .iter()
                .map(|p| (p.mentee.clone(), p.mentor.clone()))
                .collect(),
        ),
        pins: RwSignal::new(b.rules.pins.clone()),
        forbids: RwSignal::new(b.rules.forbids.clone()),
        rules_version: RwSignal::new(0),
        history,
        notice: RwSignal::new(None),
        moving: RwSignal::new(None),
        dragging: RwSignal::new(None),
        search: RwSignal::new(String::new()),
        department: RwSignal::new(String::new()),
        filter: RwSignal::new("all".to_owned()),
        save: ServerAction::<SaveBoard>::new(),
        decide,
        decisions: Arc::new(
            b.pairs
                .iter()
                .filter(|p| !p.needs_decision.is_empty() || !p.kept_despite.is_empty())
                .map(|p| {
                    (
                        (p.mentee.clone(), p.mentor.clone()),
                        (p.needs_decision.clone(), p.kept_despite.clone()),
                    )
                })
                .collect(),
        ),
        dirty: RwSignal::new(false),
        last_move_ms: RwSignal::new(None),
    };
    provide_context(ctx.clone());
    let save = ctx.save;
    let dirty = ctx.dirty;
    {
        let ctx = ctx.clone();
        Effect::new(move |_| {
            if !save.pending().get() && dirty.get_untracked() {
                dirty.set(false);
                save.dispatch(SaveBoard { edit: ctx.edit() });
            }
        });
    }
    let busy = move || save.pending().get() || dirty.get();
    let run_key = b.program.key.clone();
    let publish_key = b.program.key.clone();
    let run_result = Signal::derive(move || run.value().get().map(|r| r.map(|_| ())));
    let publish_result = Signal::derive(move || publish.value().get().map(|r| r.map(|_| ())));
    let decide_result = Signal::derive(move || decide.value().get().map(|r| r.map(|_| ())));
    // Memos, so that a move (which changes the pairs but rarely whether there are any) does not
    // re-render everything that depends on these answers, such as the whole list of pairs.
    let any_pairs = {
        let (pairs, n) = (ctx.pairs, ctx.published.len());
        Memo::new(move |_| n > 0 || pairs.with(|p| !p.is_empty()))
    };
    let total = {
        let ctx = ctx.clone();
        Memo::new(move |_| {
            ctx.rules_version.track();
            ctx.pairs.with(|p| {
                let all = || p.iter().chain(ctx.published.iter());
                let sum: i64 = all()
                    .filter_map(|(e, r)| ctx.engine.with_score(e, r, |s| i64::from(s.score)))
                    .sum();
                (sum, all().count())
            })
        })
    };
    let departments: Vec<String> = {
        let mut d: Vec<String> = b
            .mentors
            .iter()
            .chain(&b.mentees)
            .filter_map(|p| p.department.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        d.dedup();
        d
    };
    let has_drafts = {
        let pairs = ctx.pairs;
        Memo::new(move |_| pairs.with(|p| !p.is_empty()))
    };
    let undo_ctx = ctx.clone();
    let run_ctx = ctx.clone();
    let drop_ctx = ctx.clone();
    let (search, department, filter, notice, last_move_ms) = (
        ctx.search,
        ctx.department,
        ctx.filter,
        ctx.notice,
        ctx.last_move_ms,
    );
    let touch_ctx = ctx.clone();
    let supply = b.supply.clone();
    view! {
        <p><a href=format!("/programs/{}", b.program.key)>"← " {b.program.name.clone()}</a></p>
        <h1>{t!(i18n, board.title)}</h1>
        <section class="card board-actions">
            {(!matching).then(|| view! { <p class="hint">{t!(i18n, board.only_matching)}</p> })}
            <FormError result=run_result />
            <FormError result=publish_result />
            <FormError result=decide_result />
            {move || decide.value().get().and_then(Result::ok).map(|_| view! {
                <p class="alert alert--ok" role="status" id="decided">{t!(i18n, board.decided)}</p>
            })}
            {move || run.value().get().and_then(Result::ok).map(|n| view! {
                <p class="alert alert--ok" role="status">{t!(i18n, board.ran, count = move || n)}</p>
            })}
            {move || publish.value().get().and_then(Result::ok).map(|n| view! {
                <p class="alert alert--ok" role="status">{t!(i18n, board.published_done, count = move || n)}</p>
            })}
            <p class="board-total" data-total=move || total.get().0>
                {
                    move || {
                        let (sum, n) = total.get();
                        t_string!(i18n, board.total, total = sum, count = n)
                    }
                }
            </p>
            <div class="lifecycle">
                <ActionForm action=run attr:class="lifecycle__form">
                    <input type="hidden" name="program" value=run_key />
                    {
                        let ctx = run_ctx;
                        view! {
                            <button type="submit" class="button button--primary" id="run-matching"
                                disabled=move || !matching || busy()
                                aria-busy=move || run.pending().get().then_some("true")
                                on:click=move |_| ctx.remember()>
                                {move || if run.pending().get() {
                                    t_string!(i18n, board.running)
                                } else if any_pairs.get() {
                                    t_string!(i18n, board.optimise)
                                } else {
                                    t_string!(i18n, board.run)
                                }}
                            </button>
                        }
                    }
                    {move || any_pairs.get().then(|| view! { <p class="hint">{t!(i18n, board.optimise_hint)}</p> })}
                </ActionForm>
                <button type="button" class="button needs-js" id="undo"
                    disabled=move || !matching || history.with(Vec::is_empty)
                    on:click=move |_| undo_ctx.undo()>
                    "↶ " {t!(i18n, board.undo)}
                </button>
                <ActionForm action=publish attr:class="lifecycle__form">
                    <input type="hidden" name="program" value=publish_key />
                    <p class="hint">{t!(i18n, board.publish_confirm)}</p>
                    <button type="submit" class="button" disabled=move || !matching || !has_drafts.get() || busy()>
                        {t!(i18n, board.publish)}
                    </button>
                </ActionForm>
            </div>
            <p class="save-status needs-js" aria-live="polite">
                {move || {
                    if busy() {
                        Some(t_string!(i18n, board.saving).to_string())
                    } else {
                        save.value().get().and_then(Result::ok).map(|_| t_string!(i18n, board.saved).to_string())
                    }
                }}
            </p>
            <FormError result=Signal::derive(move || save.value().get().map(|r| r.map(|_| ()))) />
            {
                move || notice.get().map(|n| view! {
                    <div class="alert alert--error alert--dismissible" role="alert" id="board-notice">
                        <p>{n}</p>
                        <button type="button" class="button button--quiet" on:click=move |_| notice.set(None)>
                            {t!(i18n, board.dismiss)}
                        </button>
                    </div>
                })
            }
            <noscript><p class="hint">{t!(i18n, board.needs_js)}</p></noscript>
        </section>
        <section class="card board-filters" aria-label=move || t_string!(i18n, board.filter)>
            <label class="field">
                <span>{t!(i18n, board.search)}</span>
                <input type="search" id="board-search" bind:value=search />
            </label>
            <label class="field">
                <span>{t!(i18n, board.department)}</span>
                <select id="board-department" bind:value=department>
                    <option value="">{t!(i18n, board.any_department)}</option>
                    {departments.into_iter().map(|d| view! { <option value=d.clone()>{d.clone()}</option> }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{t!(i18n, board.filter)}</span>
                <select id="board-filter" bind:value=filter>
                    <option value="all">{t!(i18n, board.filter_all)}</option>
                    <option value="pinned">{t!(i18n, board.filter_pinned)}</option>
                    <option value="low">{t!(i18n, board.filter_low)}</option>
                    <option value="draft">{t!(i18n, board.filter_draft)}</option>
                </select>
            </label>
        </section>
        <MovePanel />
        <div
            class="board"
            data-last-move-ms=move || last_move_ms.get().map(|ms| format!("{ms:.2}"))
            on:dragover=move |ev: leptos::ev::DragEvent| {
                if drop_ctx.dragging.with_untracked(Option::is_some) {
                    ev.prevent_default();
                }
            }
            on:drop={
                let ctx = drop_ctx.clone();
                move |ev: leptos::ev::DragEvent| {
                    ev.prevent_default();
                    let target = drop_target(event_target::<web_sys::Element>(&ev).into());
                    if let (Some(src), Some(to)) = (ctx.dragging.get_untracked(), target) {
                        ctx.dragging.set(None);
                        ctx.try_move(src, to);
                    }
                }
            }
            on:pointerup=move |ev: leptos::ev::PointerEvent| {
                if ev.pointer_type() != "touch" {
                    return;
                }
                if let Some(src) = touch_ctx.dragging.get_untracked() {
                    touch_ctx.dragging.set(None);
                    let under = document().element_from_point(ev.client_x() as f32, ev.client_y() as f32);
                    if let Some(to) = drop_target(under) {
                        touch_ctx.try_move(src, to);
                    }
                }
            }
        >
            <h2>{t!(i18n, board.pairs)}</h2>
            {move || if any_pairs.get() {
                view! { <PairList /> }.into_any()
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
                <UnpairedMentees />
                <FreeMentors />
            </div>
            <Forbids />
        </div>
        <section class="card" aria-labelledby="supply-title">
            <h2 id="supply-title">{t!(i18n, board.supply)}</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="supply-title">
                <table class="table supply">
                    <thead><tr>
                        <th scope="col">{t!(i18n, board.topic)}</th>
                        <th scope="col">{t!(i18n, board.wanted)}</th>
                        <th scope="col">{t!(i18n, board.taught)}</th>
                    </tr></thead>
                    <tbody>
                        {supply.into_iter().map(|t| {
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

/// A topic key in the current language.
fn topic_label(i18n: leptos_i18n::I18nContext<Locale>, key: &str) -> String {
    let en = i18n.get_locale() == Locale::en;
    match use_context::<Ctx>() {
        Some(ctx) => ctx.engine.topic(key, en),
        None => key.to_owned(),
    }
}
