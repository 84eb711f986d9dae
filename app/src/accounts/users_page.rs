//! `/admin/users`: every account, invitations, disabling and re-enabling.

use domain::{Role, format_date};
use leptos::form::ActionForm;
use leptos::prelude::*;

use crate::accounts::model::UserSummary;
use crate::accounts::users::{InviteUser, SetUserDisabled, list_users};
use crate::components::empty_state::EmptyState;
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::components::role_gate::RoleGate;
use crate::i18n::*;
use crate::shell::session::Session;

/// Maps the UI locale to the domain language.
pub fn lang_of(locale: Locale) -> domain::Lang {
    match locale {
        Locale::en => domain::Lang::En,
        Locale::es => domain::Lang::Es,
    }
}

/// The accounts page.
#[component]
pub fn UsersPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::Admin>
            <UsersAdmin />
        </RoleGate>
    }
}

#[component]
fn UsersAdmin() -> impl IntoView {
    let i18n = use_i18n();
    let invite = ServerAction::<InviteUser>::new();
    let toggle = ServerAction::<SetUserDisabled>::new();
    let users = Resource::new(
        move || (invite.version().get(), toggle.version().get()),
        |_| list_users(),
    );
    let me = expect_context::<Session>().user;
    view! {
        <section class="page">
            <h1>{t!(i18n, users.title)}</h1>
            <p class="lead">{t!(i18n, users.intro)}</p>
            {move || toggle.value().get().map(|r| match r {
                Ok(name) => view! { <p class="alert alert--ok" role="status">{name}</p> }.into_any(),
                Err(error) => view! { <ErrorView error /> }.into_any(),
            })}
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let me = me.await.map(|u| u.key).unwrap_or_default();
                    match users.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(list) if list.is_empty() => view! {
                            <EmptyState
                                title=Signal::derive(move || t_string!(i18n, users.empty).to_owned())
                                body=Signal::derive(move || t_string!(i18n, users.intro).to_owned())
                            />
                        }
                        .into_any(),
                        Ok(list) => view! { <UserTable list me toggle /> }.into_any(),
                    }
                })}
            </Suspense>
            <InviteForm invite />
        </section>
    }
}

#[component]
fn UserTable(list: Vec<UserSummary>, me: String, toggle: ServerAction<SetUserDisabled>) -> impl IntoView {
    let i18n = use_i18n();
    let rows = list
        .into_iter()
        .map(|u| {
            let is_me = u.key == me;
            let role = move || match u.role {
                Role::Admin => t_string!(i18n, roles.admin),
                Role::ProgramManager => t_string!(i18n, roles.program_manager),
                Role::Participant => t_string!(i18n, roles.participant),
            };
            let status = move || {
                if u.disabled {
                    t_string!(i18n, users.disabled)
                } else if u.activated {
                    t_string!(i18n, users.active)
                } else {
                    t_string!(i18n, users.pending)
                }
            };
            let last = move || match u.last_sign_in {
                Some((y, m, d)) => format_date(y, m, d, lang_of(i18n.get_locale())).unwrap_or_default(),
                None => t_string!(i18n, users.never).to_owned(),
            };
            let key = u.key.clone();
            let button = move || {
                if is_me {
                    view! { <span class="muted">"(" {t!(i18n, users.yourself)} ")"</span> }.into_any()
                } else {
                    let disable = !u.disabled;
                    let key = key.clone();
                    view! {
                        <ActionForm action=toggle attr:class="inline-form">
                            <input type="hidden" name="key" value=key />
                            <input type="hidden" name="disabled" value=disable.to_string() />
                            <button type="submit" class=if disable { "button button--danger" } else { "button" }>
                                {move || if disable { t_string!(i18n, users.disable) } else { t_string!(i18n, users.enable) }}
                            </button>
                        </ActionForm>
                    }
                    .into_any()
                }
            };
            view! {
                <tr data-email=u.email.clone() data-disabled=u.disabled.to_string()>
                    <td data-label=move || t_string!(i18n, users.name)>{u.name.clone()}</td>
                    <td data-label=move || t_string!(i18n, users.email)>{u.email.clone()}</td>
                    <td data-label=move || t_string!(i18n, users.role)>{role}</td>
                    <td data-label=move || t_string!(i18n, users.status)>{status}</td>
                    <td data-label=move || t_string!(i18n, users.last_sign_in)>{last}</td>
                    <td>{button}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="table table--stack">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, users.name)}</th>
                        <th scope="col">{t!(i18n, users.email)}</th>
                        <th scope="col">{t!(i18n, users.role)}</th>
                        <th scope="col">{t!(i18n, users.status)}</th>
                        <th scope="col">{t!(i18n, users.last_sign_in)}</th>
                        <th scope="col"><span class="visually-hidden">{t!(i18n, users.actions)}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn InviteForm(invite: ServerAction<InviteUser>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="invite-title">
            <h2 id="invite-title">{t!(i18n, users.invite_title)}</h2>
            {move || invite.value().get().map(|r| match r {
                Ok(created) => {
                    let email = created.email.clone();
                    view! {
                        <div class="alert alert--ok" role="status">
                            <p>{t!(i18n, users.invite_done, email = move || email.clone())}</p>
                            <p><code class="invite-link">{created.link}</code></p>
                        </div>
                    }
                    .into_any()
                }
                Err(error) => view! { <ErrorView error /> }.into_any(),
            })}
            <ActionForm action=invite attr:class="form form--row">
                <div class="field">
                    <label for="invite-name">{t!(i18n, users.name)}</label>
                    <input id="invite-name" name="name" required maxlength="120" autocomplete="off" />
                </div>
                <div class="field">
                    <label for="invite-email">{t!(i18n, users.email)}</label>
                    <input id="invite-email" name="email" type="email" required autocomplete="off" />
                </div>
                <div class="field">
                    <label for="invite-role">{t!(i18n, users.role)}</label>
                    <select id="invite-role" name="role">
                        <option value="participant">{t!(i18n, roles.participant)}</option>
                        <option value="program_manager">{t!(i18n, roles.program_manager)}</option>
                        <option value="admin">{t!(i18n, roles.admin)}</option>
                    </select>
                </div>
                <button type="submit" class="button button--primary">{t!(i18n, users.invite_submit)}</button>
            </ActionForm>
        </section>
    }
}
