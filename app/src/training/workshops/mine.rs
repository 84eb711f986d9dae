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
    let action = if !w.open {
        view! { <p class="muted">{t!(i18n, workshops.closed)}</p> }.into_any()
    } else if w.seat == MySeat::None {
        let label = if w.seats_left > 0 {
            td_string!(locale, workshops.register)
        } else {
            td_string!(locale, workshops.join_waiting)
        };
        view! {
            <ActionForm action=register attr:class="inline-form">
                <input type="hidden" name="workshop" value=key />
                <button type="submit" class="button button--primary">{label}</button>
            </ActionForm>
        }
        .into_any()
    } else {
        let label = if w.seat == MySeat::Registered {
            td_string!(locale, workshops.cancel_seat)
        } else {
            td_string!(locale, workshops.leave_waiting)
        };
        view! {
            <ActionForm action=cancel attr:class="inline-form">
                <input type="hidden" name="workshop" value=key />
                <button type="submit" class="button">{label}</button>
            </ActionForm>
        }
        .into_any()
    };
    view! {
        <li class="card workshop" id=format!("workshop-{}", w.key) data-seat=seat_name>
            <h3>{w.title.clone()}</h3>
            <p>{w.when.clone()} " · " {td_string!(locale, training.minutes, minutes = w.minutes)}</p>
            {w.when_mine.clone().map(|m| view! {
                <p class="muted">{td_string!(locale, workshops.your_time, when = m)}</p>
            })}
            <p class="muted">{place_line(&w.place, &w.video_url)} " · " {w.program.clone()}</p>
            {(!w.description.is_empty()).then(|| view! { <p class="workshop__description">{w.description.clone()}</p> })}
            <p>
                {(!state.is_empty()).then(|| view! { <span class=state_class>{state.clone()}</span> " " })}
                <span class="badge">{left}</span>
                {attended.map(|a| view! { " " <span class="badge">{a}</span> })}
            </p>
            <div class="actions">
                {action}
                {(w.seat == MySeat::Registered).then(|| view! {
                    <a class="button" href=ics download="inversa-workshop.ics">{t!(i18n, workshops.add_to_calendar)}</a>
                })}
            </div>
        </li>
    }
}
