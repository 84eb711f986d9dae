//! `/verify/:code`: the public verification page of a completion certificate. No sign-in, no
//! JavaScript needed, not indexed by search engines (`noindex`). It says whether the certificate
//! is valid or revoked (and since when), and what it certifies.

use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::hooks::use_params_map;

use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::i18n::*;
use crate::recognition::certificates::verify_certificate;
use crate::recognition::text::role_text;

/// The page.
#[component]
pub fn VerifyPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let code = move || params.with(|p| p.get("code")).unwrap_or_default();
    let data = Resource::new(code, verify_certificate);
    view! {
        <Meta name="robots" content="noindex, nofollow" />
        <section class="page verify-page">
            <h1>{t!(i18n, certificates.verify_title)}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let locale = i18n.get_locale();
                    match data.await {
                        Err(error) => {
                            let unknown = error.kind == crate::error::ErrorKind::NotFound;
                            view! {
                                <div id="verify-unknown"><ErrorView error /></div>
                                {unknown.then(|| view! { <p class="muted">{t!(i18n, certificates.verify_unknown)}</p> })}
                            }.into_any()
                        }
                        Ok(v) => {
                            let (state, class, text) = match &v.revoked_since {
                                Some(since) => (
                                    "revoked",
                                    "alert",
                                    td_string!(locale, certificates.verify_revoked, since = since.clone()),
                                ),
                                None => ("valid", "alert alert--ok", td_string!(locale, certificates.verify_valid).to_owned()),
                            };
                            view! {
                                <p class=class role="status" id="verify-state" data-state=state>{text}</p>
                                <dl class="verify-facts card">
                                    <dt>{t!(i18n, certificates.verify_name)}</dt><dd id="verify-name">{v.name.clone()}</dd>
                                    <dt>{t!(i18n, certificates.verify_role)}</dt><dd>{role_text(locale, &v.role)}</dd>
                                    <dt>{t!(i18n, certificates.verify_program)}</dt><dd id="verify-program">{v.program.clone()}</dd>
                                    <dt>{t!(i18n, certificates.verify_dates)}</dt>
                                    <dd>{td_string!(locale, certificates.pdf_dates, from = v.from.clone(), to = v.to.clone())}</dd>
                                    <dt>{t!(i18n, certificates.verify_hours)}</dt><dd>{v.hours.clone()}</dd>
                                    <dt>{t!(i18n, certificates.verify_issuer)}</dt>
                                    <dd>{td_string!(locale, certificates.verify_issued_by, issuer = v.issuer.clone(), date = v.issued.clone())}</dd>
                                    <dt>{t!(i18n, certificates.verify_code)}</dt><dd><code>{v.code.clone()}</code></dd>
                                </dl>
                                <p class="muted">{td_string!(locale, certificates.verify_checked, at = v.checked_at.clone())}</p>
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}
