//! The meetings and check-ins of a pair's workspace.
//!
//! Every change is a plain form, so proposing, accepting, moving, cancelling and recording a
//! meeting work without JavaScript; cancelling asks for a second click inside a disclosure.

use domain::meeting::MeetingStatus;
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::components::icon::{Icon, IconKind};
use crate::components::submission_key::SubmissionKey;

use crate::i18n::*;
use crate::workspace::meetings::{ChangeMeeting, ProposeMeeting, RescheduleMeeting, SaveMeetingNotes};
use crate::{workspace::model::CheckinView, workspace::model::MeetingView};

/// Time zones offered in the proposal form (any IANA name may be typed).
const ZONES: &[&str] = &[
    "Europe/Madrid",
    "Atlantic/Canary",
    "Europe/Lisbon",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "America/Mexico_City",
    "America/Bogota",
    "America/Sao_Paulo",
    "America/New_York",
    "UTC",
];

/// The meeting forms of the workspace.
#[derive(Clone, Copy)]
pub struct MeetingActions {
    /// Propose a meeting.
    pub propose: ServerAction<ProposeMeeting>,
    /// Accept, cancel, held, missed.
    pub change: ServerAction<ChangeMeeting>,
    /// Move to another time.
    pub reschedule: ServerAction<RescheduleMeeting>,
    /// Shared notes.
    pub notes: ServerAction<SaveMeetingNotes>,
}

impl MeetingActions {
    /// New actions.
    pub fn new() -> Self {
        MeetingActions {
            propose: ServerAction::new(),
            change: ServerAction::new(),
            reschedule: ServerAction::new(),
            notes: ServerAction::new(),
        }
    }

    /// Changes whenever one of them completes.
    pub fn versions(self) -> [usize; 4] {
        [
            self.propose.version().get(),
            self.change.version().get(),
            self.reschedule.version().get(),
            self.notes.version().get(),
        ]
    }
}

impl Default for MeetingActions {
    fn default() -> Self {
        Self::new()
    }
}

fn status_text(locale: Locale, s: MeetingStatus) -> &'static str {
    match s {
        MeetingStatus::Proposed => td_string!(locale, meetings.status_proposed),
        MeetingStatus::Accepted => td_string!(locale, meetings.status_accepted),
        MeetingStatus::Cancelled => td_string!(locale, meetings.status_cancelled),
        MeetingStatus::Held => td_string!(locale, meetings.status_held),
        MeetingStatus::Missed => td_string!(locale, meetings.status_missed),
    }
}

/// The fields of a proposal, shared by "propose", "change the time" and HR's workshop form
/// (which passes its place and link to edit). `prefix` keeps ids unique on the page.
#[component]
pub(crate) fn WhenFields(
    prefix: String,
    date: String,
    time: String,
    minutes: String,
    zone: String,
    #[prop(optional)] place: String,
    #[prop(optional)] video_url: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = |f: &str| format!("{prefix}-{f}");
    let list = format!("{prefix}-zones");
    view! {
        <div class="form--row">
            <div class="field">
                <label for=id("date")>{t!(i18n, meetings.date)}</label>
                <input id=id("date") name="date" type="date" required value=date />
            </div>
            <div class="field">
                <label for=id("time")>{t!(i18n, meetings.time)}</label>
                <input id=id("time") name="time" type="time" required value=time />
            </div>
            <div class="field">
                <label for=id("minutes")>{t!(i18n, meetings.minutes)}</label>
                <input id=id("minutes") name="minutes" type="number" min="15" max="240" step="5"
                    inputmode="numeric" required value=minutes />
            </div>
        </div>
        <label for=id("zone")>{t!(i18n, meetings.time_zone)}</label>
        <input id=id("zone") name="time_zone" required value=zone list=list.clone() autocomplete="off" />
        <datalist id=list>{ZONES.iter().map(|z| view! { <option value=*z></option> }).collect_view()}</datalist>
        <p class="hint">{t!(i18n, meetings.time_zone_hint)}</p>
        <label for=id("place")>{t!(i18n, meetings.place)}</label>
        <input id=id("place") name="place" maxlength="200" value=place />
        <label for=id("video")>{t!(i18n, meetings.video_url)}</label>
        <input id=id("video") name="video_url" type="url" maxlength="500" placeholder="https://" value=video_url />
        <p class="hint">{t!(i18n, meetings.where_hint)}</p>
    }
}

/// The meetings card: the list, and the proposal form when the pair is writable.
#[component]
pub fn Meetings(
    pair: String,
    meetings: Vec<MeetingView>,
    zone: String,
    writable: bool,
    actions: MeetingActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let list = if meetings.is_empty() {
        view! { <p class="muted empty">{t!(i18n, meetings.none)}</p> }.into_any()
    } else {
        view! {
            <ul class="meeting-list">
                {meetings.into_iter().map(|m| view! { <MeetingCard m zone=zone.clone() writable actions /> }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let propose = writable.then(|| {
        view! {
            <details class="new-meeting">
                <summary>{t!(i18n, meetings.propose)}</summary>
                <ActionForm action=actions.propose attr:class="form">
                    <input type="hidden" name="pair" value=pair.clone() />
                    <SubmissionKey answers=actions.propose.version() />
                    <WhenFields prefix="new-meeting".into() date=String::new() time=String::new()
                        minutes="45".into() zone=zone.clone() />
                    <button type="submit" class="button button--primary">{t!(i18n, meetings.send)}</button>
                </ActionForm>
            </details>
        }
    });
    view! {
        <section class="card" aria-labelledby="meetings-title">
            <h2 id="meetings-title">{t!(i18n, meetings.title)}</h2>
            {list}
            {propose}
        </section>
    }
}

#[component]
fn MeetingCard(m: MeetingView, zone: String, writable: bool, actions: MeetingActions) -> impl IntoView {
    let i18n = use_i18n();
    let key = m.key.clone();
    let locale = i18n.get_locale();
    let change_button = |change: &'static str, label: &'static str, primary: bool| {
        let key = key.clone();
        view! {
            <ActionForm action=actions.change attr:class="inline-form">
                <input type="hidden" name="meeting" value=key />
                <input type="hidden" name="change" value=change />
                <button type="submit" class=if primary { "button button--primary" } else { "button" }>{label}</button>
            </ActionForm>
        }
    };
    let open = m.status.is_open();
    let accept = (writable && m.status == MeetingStatus::Proposed && !m.proposed_by_me)
        .then(|| change_button("accept", td_string!(locale, meetings.accept), true));
    let waiting = (m.status == MeetingStatus::Proposed && m.proposed_by_me)
        .then(|| view! { <p class="hint meeting__waiting">{t!(i18n, meetings.waiting)}</p> });
    let record = (writable && m.started && m.status != MeetingStatus::Cancelled).then(|| {
        view! {
            {(m.status != MeetingStatus::Held).then(|| change_button("held", td_string!(locale, meetings.held), true))}
            {(m.status != MeetingStatus::Missed).then(|| change_button("missed", td_string!(locale, meetings.missed), false))}
        }
    });
    let checkin = (m.status == MeetingStatus::Held).then(|| {
        view! { <a class="button" href="/checkin">{t!(i18n, meetings.checkin_after)}</a> }
    });
    let move_or_cancel = (writable && open && !m.started).then(|| {
        let (k1, k2) = (key.clone(), key.clone());
        view! {
            <details class="meeting__more">
                <summary>{t!(i18n, meetings.reschedule)}</summary>
                <ActionForm action=actions.reschedule attr:class="form">
                    <input type="hidden" name="meeting" value=k1.clone() />
                    <WhenFields prefix=format!("move-{k1}") date=m.date.clone() time=m.time.clone()
                        minutes=m.minutes.to_string() zone=zone.clone() />
                    <button type="submit" class="button button--primary">{t!(i18n, meetings.reschedule_send)}</button>
                </ActionForm>
            </details>
            <details class="meeting__more">
                <summary>{t!(i18n, meetings.cancel)}</summary>
                <p>{t!(i18n, meetings.cancel_confirm)}</p>
                <ActionForm action=actions.change attr:class="inline-form">
                    <input type="hidden" name="meeting" value=k2 />
                    <input type="hidden" name="change" value="cancel" />
                    <button type="submit" class="button button--danger">{t!(i18n, meetings.cancel_yes)}</button>
                </ActionForm>
            </details>
        }
    });
    let notes_id = format!("notes-{key}");
    let notes_key = key.clone();
    let ics_href = format!("/meetings/{key}/calendar.ics");
    let notes = if writable && m.status != MeetingStatus::Cancelled {
        view! {
            <ActionForm action=actions.notes attr:class="form meeting__notes">
                <input type="hidden" name="meeting" value=notes_key />
                <label for=notes_id.clone()>{t!(i18n, meetings.notes)}</label>
                <textarea id=notes_id name="notes" rows="3" maxlength="10000">{m.notes.clone()}</textarea>
                <button type="submit" class="button">{t!(i18n, meetings.save_notes)}</button>
            </ActionForm>
        }
        .into_any()
    } else if m.notes.is_empty() {
        view! { <p class="muted">{t!(i18n, meetings.no_notes)}</p> }.into_any()
    } else {
        view! { <h4>{t!(i18n, meetings.notes)}</h4> <p class="prewrap">{m.notes.clone()}</p> }.into_any()
    };
    let other = m
        .when_other
        .clone()
        .map(|w| view! { <p class="muted">{td_string!(locale, meetings.for_other, when = &w)}</p> });
    let title_id = format!("meeting-{key}");
    let labelled_by = title_id.clone();
    view! {
        <li class="meeting card" data-status=m.status.as_str() aria-labelledby=labelled_by>
            <div class="goal__head">
                <h3 id=title_id>{m.when.clone()}</h3>
                <span class="badge" data-status=m.status.as_str()>{status_text(locale, m.status)}</span>
            </div>
            {other}
            <p class="muted">
                {td_string!(locale, meetings.minutes_value, minutes = m.minutes)}
                " · " {td_string!(locale, meetings.proposed_by, name = &m.proposer)}
            </p>
            {m.place.clone().map(|p| view! { <p><Icon kind=IconKind::Place /> " " {p}</p> })}
            {m.video_url.clone().map(|v| view! {
                <p><a href=v.clone() rel="noopener noreferrer" target="_blank">{t!(i18n, meetings.video)} ": " {v.clone()}</a></p>
            })}
            {waiting}
            <div class="meeting__actions">
                {accept}
                {record}
                {checkin}
                <a class="button button--quiet" href=ics_href download="inversa-meeting.ics">
                    {t!(i18n, meetings.ics)}
                </a>
            </div>
            {move_or_cancel}
            {notes}
        </li>
    }
}

/// The latest check-ins of the pair.
#[component]
pub fn Checkins(checkins: Vec<CheckinView>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let body = if checkins.is_empty() {
        view! { <p class="muted empty">{t!(i18n, checkins.none)}</p> }.into_any()
    } else {
        view! {
            <ul class="checkin-list">
                {checkins.into_iter().take(10).map(|c| view! {
                    <li class="checkin" data-blocker=c.blocker.to_string()>
                        <p>
                            <strong>{c.author.clone()}</strong>
                            " · " <span class="rating" role="img" aria-label=td_string!(locale, checkins.stars, rating = c.rating)>
                                {(1..=5u8).map(|i| view! { <Icon kind=if i <= c.rating { IconKind::Star } else { IconKind::StarEmpty } /> }).collect_view()}
                            </span>
                            " · " <time class="muted">{c.written.clone()}</time>
                            {c.blocker.then(|| view! { " " <span class="badge badge--warn">{t!(i18n, checkins.blocked)}</span> })}
                        </p>
                        {(!c.learned.is_empty()).then(|| view! { <p><strong>{t!(i18n, checkins.learned)} ": "</strong> {c.learned.clone()}</p> })}
                        {(!c.taught.is_empty()).then(|| view! { <p><strong>{t!(i18n, checkins.taught)} ": "</strong> {c.taught.clone()}</p> })}
                        {(!c.next_step.is_empty()).then(|| view! { <p><strong>{t!(i18n, checkins.next_step)} ": "</strong> {c.next_step.clone()}</p> })}
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <section class="card" aria-labelledby="checkins-title">
            <h2 id="checkins-title">{t!(i18n, checkins.title)}</h2>
            {body}
            <p><a class="button button--primary" href="/checkin">{t!(i18n, meetings.checkin_after)}</a></p>
        </section>
    }
}
