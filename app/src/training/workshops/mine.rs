//! The workshops section of "My training" (`/training#workshops`): the workshops of the
//! person's programs for their side, with seats left, where they stand (registered, waiting and
//! their place in line), register and cancel (plain forms, so it works without JavaScript) and
//! the `.ics` of one they hold a seat at.

use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::components::error_view::ErrorView;
use crate::components::form_error::FormError;
use crate::components::loading::Loading;
use crate::i18n::*;
use crate::training::workshops::api::{CancelWorkshopSeat, RegisterWorkshop, my_workshops};
use crate::training::workshops::hr::place_line;
use crate::training::workshops::model::{MySeat, MyWorkshopView};

/// The section.
#[component]
pub fn MyWorkshops() -> impl IntoView {
    let i18n = use_i18n();
    let register = ServerAction::<RegisterWorkshop>::new();
    let cancel = ServerAction::<CancelWorkshopSeat>::new();
    let data = Resource::new(
        move || (register.version().get(), cancel.version().get()),
        |_| my_workshops(),
    );
    let errors = Signal::derive(move || {
        [
            register.value().get().map(|r| r.map(|_| ())),
            cancel.value().get().map(|r| r.map(|_| ())),
        ]
        .into_iter()
        .flatten()
        .find(Result::is_err)
    });
    view! {
        <section class="workshops" id="workshops" aria-labelledby="my-workshops-title">
            <h2 id="my-workshops-title">{t!(i18n, workshops.title)}</h2>
            <FormError result=errors />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(w) if w.is_empty() => view! {
                            <p class="muted empty" id="my-workshops-empty">{t!(i18n, workshops.none_mine)}</p>
                        }.into_any(),
                        Ok(w) => view! {
                            <ul class="workshop-list" id="my-workshops">
                                {w.into_iter().map(|w| view! { <Card w register cancel /> }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Card(
    w: MyWorkshopView,
    register: ServerAction<RegisterWorkshop>,
    cancel: ServerAction<CancelWorkshopSeat>,
) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale();
    let (state, state_class) = match w.seat {
        MySeat::Registered => (
            td_string!(locale, workshops.registered).to_owned(),
            "badge badge--ok",
        ),
        MySeat::Waiting(n) => (td_string!(locale, workshops.waiting_place, place = n), "badge"),
        MySeat::None => (String::new(), ""),
    };
    let seat_name = match w.seat {
        MySeat::Registered => "registered",
        MySeat::Waiting(_) => "waiting",
        MySeat::None => "none",
    };
    let left = if w.seats_left > 0 {
        td_string!(locale, workshops.seats_left, count = w.seats_left)
    } else {
        td_string!(locale, workshops.full).to_owned()
    };
    let attended = w.attended.map(|a| {
        if a {
            td_string!(locale, workshops.attended_yes)
        } else {
            td_string!(locale, workshops.attended_no)
        }
    });
    let key = w.key.clone();
    let ics = format!("/workshops/{}/calendar.ics", w.key);
    let title = w.title.clone();
    // Each button names its workshop for screen readers (the same words repeat on every card).
    let action = if !w.open {
        view! { <p class="muted">{t!(i18n, workshops.closed)}</p> }.into_any()
    } else if w.seat == MySeat::None {
        let (label, named) = if w.seats_left > 0 {
            (
                td_string!(locale, workshops.register).to_owned(),
                td_string!(locale, workshops.register_for, title = title.clone()),
            )
        } else {
            (
                td_string!(locale, workshops.join_waiting).to_owned(),
                td_string!(locale, workshops.join_waiting_for, title = title.clone()),
            )
        };
        view! {
            <ActionForm action=register attr:class="inline-form">
                <input type="hidden" name="workshop" value=key />
                <button type="submit" class="button button--primary" aria-label=named>{label}</button>
            </ActionForm>
        }
        .into_any()
    } else {
        let (label, named) = if w.seat == MySeat::Registered {
            (
                td_string!(locale, workshops.cancel_seat).to_owned(),
                td_string!(locale, workshops.cancel_seat_for, title = title.clone()),
            )
        } else {
            (
                td_string!(locale, workshops.leave_waiting).to_owned(),
                td_string!(locale, workshops.leave_waiting_for, title = title.clone()),
            )
        };
        view! {
            <ActionForm action=cancel attr:class="inline-form">
                <input type="hidden" name="workshop" value=key />
                <button type="submit" class="button" aria-label=named>{label}</button>
            </ActionForm>
        }
        .into_any()
    };
    let video = match (&w.video_url, w.has_video) {
        (Some(url), _) => Some(
            view! {
                <p><a href=url.clone() rel="noopener noreferrer" target="_blank">{t!(i18n, workshops.video_link)}</a></p>
            }
            .into_any(),
        ),
        (None, true) => Some(view! { <p class="muted">{t!(i18n, workshops.video_after_register)}</p> }.into_any()),
        (None, false) => None,
    };
    let ics_label = td_string!(locale, workshops.add_to_calendar_for, title = title.clone());
    view! {
        <li class="card workshop" id=format!("workshop-{}", w.key) data-seat=seat_name>
            <h3>{w.title.clone()}</h3>
            <p>{w.when.clone()} " · " {td_string!(locale, training.minutes, minutes = w.minutes)}</p>
            {w.when_mine.clone().map(|m| view! {
                <p class="muted">{td_string!(locale, workshops.your_time, when = m)}</p>
            })}
            <p class="muted">{place_line(&w.place, &None)} {w.place.is_some().then_some(" · ")} {w.program.clone()}</p>
            {video}
            {(!w.description.is_empty()).then(|| view! { <p class="workshop__description">{w.description.clone()}</p> })}
            <p>
                {(!state.is_empty()).then(|| view! { <span class=state_class>{state.clone()}</span> " " })}
                <span class="badge">{left}</span>
                {attended.map(|a| view! { " " <span class="badge">{a}</span> })}
            </p>
            <div class="actions">
                {action}
                {(w.seat == MySeat::Registered).then(|| view! {
                    <a class="button" href=ics download="inversa-workshop.ics" aria-label=ics_label>{t!(i18n, workshops.add_to_calendar)}</a>
                })}
            </div>
        </li>
    }
}
