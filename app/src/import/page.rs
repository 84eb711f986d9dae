//! `/programs/:key/import`: HR uploads (or pastes) the employee CSV, checks how every column is
//! read and every row's errors, then imports it into the program all at once.
//!
//! The file is read in the browser and sent to the server, which does every check
//! ([`crate::import::api`]); this page only shows the outcome. Reading a file needs JavaScript.

mod decisions;
mod ladder;
mod progress;
mod roles;
mod topics;

use domain::import::{
    ColumnMapping, Delimiter, Field, ImportError, ImportOptions, RowError, RowErrorCode, column_letter,
};
use domain::{ProgramStatus, Role};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::hooks::use_params_map;

use crate::components::empty_state::EmptyState;
use crate::components::error_view::ErrorView;
use crate::components::form_error::FormError;
use crate::components::loading::{Loading, NotFoundPanel};
use crate::components::role_gate::RoleGate;
use crate::error::AppError;
use crate::i18n::*;
use crate::import::api::{
    CommitImport, ImportDone, LadderView, MAX_UPLOAD_BYTES, PreviewImport, PreviewOutcome, PreviewView,
    SaveLevelLadder, enrolled_count, level_ladder,
};
use crate::programs::api::get_program;
use crate::programs::model::ProgramDetail;

/// Employee import page.
#[component]
pub fn ImportPage() -> impl IntoView {
    view! {
        <RoleGate role=Role::ProgramManager>
            <ImportView />
        </RoleGate>
    }
}

#[component]
fn ImportView() -> impl IntoView {
    let params = use_params_map();
    let key = move || params.with(|p| p.get("key")).unwrap_or_default();
    let program = Resource::new(key, get_program);
    // Created here, beside the program, so that hydration finds its server value: a resource
    // made inside the suspended body is not reliably serialised with the page.
    let refresh = RwSignal::new(0_u32);
    let participants = Resource::new(move || (key(), refresh.get()), |(k, _)| enrolled_count(k));
    let ladder = Ladder::new();
    view! {
        <section class="page import">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match program.await {
                        Err(e) => view! { <NotFoundPanel message=e.message /> }.into_any(),
                        Ok(p) => view! { <ImportBody p participants refresh ladder /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// A problem found in the browser before anything is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LocalProblem {
    /// The file is above [`MAX_UPLOAD_BYTES`]; its size in KB.
    TooLarge(u64),
    /// The browser could not read the file.
    #[cfg_attr(
        not(feature = "hydrate"),
        expect(dead_code, reason = "files are read only in the browser")
    )]
    ReadFailed,
}

/// The file being imported and the choices made for it.
#[derive(Clone, Copy)]
struct Upload {
    program: StoredValue<String>,
    /// The file as base64, once read.
    file: RwSignal<Option<String>>,
    /// HR's choices: columns (`mapping: None` lets the server detect them), level ladder, role
    /// rule, topics, date order, encoding, unknown managers.
    options: RwSignal<ImportOptions>,
    preview: ServerAction<PreviewImport>,
    commit: ServerAction<CommitImport>,
}

impl Upload {
    /// Starts over with a new file's bytes: forget earlier choices and results, preview.
    fn start(self, bytes: &[u8]) {
        use base64::Engine;
        let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
        self.file.set(Some(encoded));
        self.options.set(ImportOptions::default());
        self.commit.value().set(None);
        self.send_preview();
    }

    fn send_preview(self) {
        if let Some(csv_base64) = self.file.get_untracked() {
            self.preview.dispatch(PreviewImport {
                program: self.program.get_value(),
                csv_base64,
                options: self.options.get_untracked(),
            });
        }
    }

    /// Sends column `index` to `field` (a field feeds one column: another column that had it is
    /// ignored from now on), then previews again.
    fn remap(self, columns: &[ColumnMapping], index: i32, field: Option<Field>) {
        let mapping = columns
            .iter()
            .map(|c| ColumnMapping {
                field: if c.index == index {
                    field
                } else if field.is_some() && c.field == field {
                    None
                } else {
                    c.field
                },
                ..c.clone()
            })
            .collect();
        self.options.update(|o| o.mapping = Some(mapping));
        self.send_preview();
    }

    fn send_commit(self) {
        if let Some(csv_base64) = self.file.get_untracked() {
            self.commit.dispatch(CommitImport {
                program: self.program.get_value(),
                csv_base64,
                options: self.options.get_untracked(),
            });
        }
    }
}

/// The columns of an outcome, to choose fields from (also when the email or name is missing).
fn columns_of(outcome: &PreviewOutcome) -> Option<Vec<ColumnMapping>> {
    match outcome {
        PreviewOutcome::Read(v) => Some(v.columns.clone()),
        PreviewOutcome::Unusable(
            ImportError::MissingEmailColumn { columns } | ImportError::MissingNameColumn { columns },
        ) => Some(columns.clone()),
        PreviewOutcome::Unusable(_) => None,
    }
}

#[component]
fn ImportBody(
    p: ProgramDetail,
    participants: Resource<Result<i64, AppError>>,
    refresh: RwSignal<u32>,
    ladder: Ladder,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = p.summary.key.clone();
    let closed = p.summary.status == ProgramStatus::Closed;
    let upload = Upload {
        program: StoredValue::new(key.clone()),
        file: RwSignal::new(None),
        options: RwSignal::new(ImportOptions::default()),
        preview: ServerAction::new(),
        commit: ServerAction::new(),
    };
    // A finished import changes who is enrolled, and its preview is stale: clear it, so the
    // result stands where the file was chosen.
    Effect::new(move |_| {
        if upload.commit.version().get() > 0 {
            refresh.update(|v| *v += 1);
            if matches!(upload.commit.value().get_untracked(), Some(Ok(_))) {
                upload.file.set(None);
                upload.preview.value().set(None);
            }
        }
    });
    view! {
        <p><a href=format!("/programs/{key}")>"← " {p.summary.name.clone()}</a></p>
        <h1>{t!(i18n, import.title)}</h1>
        <p class="hint">{t!(i18n, import.intro)}</p>
        <Suspense>
            {move || Suspend::new(async move {
                participants.await.ok().map(|n| view! {
                    <p class="import__participants" data-count=n>{t!(i18n, import.participants, count = move || n)}</p>
                })
            })}
        </Suspense>
        {if closed {
            view! { <p class="alert alert--error" role="alert">{t!(i18n, import.closed)}</p> }.into_any()
        } else {
            view! {
                <ImportDoneNotice upload program_key=key.clone() />
                <ImportForm upload />
                <ImportResult upload />
                <LadderCard ladder />
            }.into_any()
        }}
    }
}

/// The file input, the paste box and the reading indicator.
#[component]
fn ImportForm(upload: Upload) -> impl IntoView {
    let i18n = use_i18n();
    let reading = RwSignal::new(false);
    let problem = RwSignal::new(None::<LocalProblem>);
    let file_name = RwSignal::new(None::<String>);
    let paste = NodeRef::<leptos::html::Textarea>::new();

    let on_file = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|list| list.get(0)) else {
                return;
            };
            // Choosing the same file again (after fixing it) must fire `change` again.
            input.set_value("");
            problem.set(None);
            file_name.set(Some(file.name()));
            let size = file.size();
            if size > MAX_UPLOAD_BYTES as f64 {
                problem.set(Some(LocalProblem::TooLarge((size / 1024.0).ceil() as u64)));
                return;
            }
            reading.set(true);
            leptos::task::spawn_local(async move {
                let read = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
                reading.set(false);
                match read {
                    Ok(buffer) => upload.start(&js_sys::Uint8Array::new(&buffer).to_vec()),
                    Err(_) => problem.set(Some(LocalProblem::ReadFailed)),
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let on_paste = move |_| {
        let text = paste.get().map(|t| t.value()).unwrap_or_default();
        if text.trim().is_empty() {
            return;
        }
        problem.set(None);
        if text.len() > MAX_UPLOAD_BYTES {
            problem.set(Some(LocalProblem::TooLarge(text.len().div_ceil(1024) as u64)));
            return;
        }
        file_name.set(None);
        upload.start(text.as_bytes());
    };

    view! {
        <section class="card import__source" aria-labelledby="import-source-title">
            <h2 id="import-source-title" class="visually-hidden">{t!(i18n, import.file_label)}</h2>
            // Hidden by the stylesheet once the page has hydrated (`body[data-hydrated]`).
            <p class="alert alert--error import__needs-js">{t!(i18n, import.noscript)}</p>
            <div class="form">
                <label for="import-file">{t!(i18n, import.file_label)}</label>
                <input id="import-file" type="file" accept=".csv,text/csv" on:change=on_file aria-describedby="import-file-hint" />
                <p id="import-file-hint" class="hint">{t!(i18n, import.file_hint)}</p>
                <label for="import-paste">{t!(i18n, import.paste_label)}</label>
                <textarea id="import-paste" rows="4" spellcheck="false" node_ref=paste></textarea>
                <div>
                    <button type="button" class="button" id="import-paste-submit" on:click=on_paste>
                        {t!(i18n, import.paste_submit)}
                    </button>
                </div>
            </div>
            {move || file_name.get().map(|name| view! { <p class="muted import__file">{t!(i18n, import.file_name, name = move || name.clone())}</p> })}
            {move || reading.get().then(|| view! { <p class="loading" aria-busy="true" role="status">{t!(i18n, import.reading)}</p> })}
            {move || problem.get().map(|p| view! {
                <p class="alert alert--error" role="alert">
                    {match p {
                        LocalProblem::TooLarge(kb) => t!(i18n, import.too_large, size = move || kb).into_any(),
                        LocalProblem::ReadFailed => t!(i18n, import.read_failed).into_any(),
                    }}
                </p>
            })}
        </section>
    }
}

/// Everything after the file is read: the preview, the import button and the outcome.
#[component]
fn ImportResult(upload: Upload) -> impl IntoView {
    let i18n = use_i18n();
    let preview = upload.preview;
    let commit = upload.commit;
    let preview_error = Signal::derive(move || preview.value().get().map(|r| r.map(|_| ())));
    view! {
        <div aria-live="polite">
            {move || preview.pending().get().then(|| view! {
                <p class="loading" aria-busy="true" role="status">{t!(i18n, import.previewing)}</p>
            })}
        </div>
        <FormError result=preview_error />
        {move || match preview.value().get() {
            None if upload.file.get().is_none() && commit.value().get().is_none() => view! {
                <EmptyState
                    title=Signal::derive(move || td_string!(i18n.get_locale(), import.empty_title).to_string())
                    body=Signal::derive(move || td_string!(i18n.get_locale(), import.empty_body).to_string())
                />
            }.into_any(),
            Some(Ok(outcome)) => {
                let columns = columns_of(&outcome);
                let body = match outcome {
                    PreviewOutcome::Read(v) => view! { <PreviewDetails v=*v upload /> }.into_any(),
                    PreviewOutcome::Unusable(e) => {
                        let code = e.code();
                        view! {
                            <p class="alert alert--error" role="alert" data-code=code>{file_problem(i18n, e)}</p>
                        }.into_any()
                    }
                };
                view! {
                    {body}
                    {columns.map(|columns| view! { <MappingTable columns upload /> })}
                }.into_any()
            }
            _ => ().into_any(),
        }}
    }
}

/// What the import wrote, shown above the file chooser (where HR starts again) with the next
/// step: inviting the people who have no account yet.
#[component]
fn ImportDoneNotice(upload: Upload, program_key: String) -> impl IntoView {
    let i18n = use_i18n();
    let commit = upload.commit;
    let back = format!("/programs/{program_key}");
    let invite = format!("/programs/{program_key}#invitations");
    let notice = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if matches!(commit.value().get(), Some(Ok(_)))
            && let Some(el) = notice.get()
        {
            let _ = el.focus();
        }
    });
    view! {
        <div node_ref=notice tabindex="-1" class="import__done-slot">
            {move || commit.value().get().and_then(Result::ok).map(|done: ImportDone| {
                let to_invite = done.without_account;
                view! {
                    <div class="alert alert--ok import__done" role="status" data-created=done.created data-updated=done.updated>
                        <p>{t!(i18n, import.done, created = move || done.created, updated = move || done.updated, enrolled = move || done.enrolled)}</p>
                        {(to_invite > 0).then(|| view! {
                            <p><a class="button button--primary" id="import-invite" href=invite.clone()>{t!(i18n, import.invite_next, count = move || to_invite)}</a></p>
                        })}
                        <p><a href=back.clone()>{t!(i18n, import.back)}</a></p>
                    </div>
                }
            })}
        </div>
    }
}

/// Counts, errors, sample and the import button of a file that could be read.
#[component]
fn PreviewDetails(v: PreviewView, upload: Upload) -> impl IntoView {
    let i18n = use_i18n();
    let commit = upload.commit;
    let importing = commit.pending();
    let done = move || matches!(commit.value().get(), Some(Ok(_)));
    let importable = v.importable;
    let encoding = v.encoding.label();
    let delimiter = v.delimiter;
    let rows = v.rows;
    let (new_count, updated_count) = (v.new_count, v.updated_count);
    let hidden_errors = v.error_count - i64::try_from(v.errors.len()).unwrap_or(0);
    let errors = v.errors.clone();
    let has_errors = !errors.is_empty();
    let commit_error = Signal::derive(move || commit.value().get().map(|r| r.map(|_| ())));
    view! {
        <section class="card import__preview" aria-labelledby="import-preview-title">
            <h2 id="import-preview-title">{t!(i18n, import.preview_title)}</h2>
            <p class="muted">
                {t!(i18n, import.detected, encoding = move || encoding, delimiter = move || delimiter_label(i18n, delimiter), rows = move || rows)}
            </p>
            <ul class="import__counts">
                <li data-new=new_count>{t!(i18n, import.new_count, count = move || new_count)}</li>
                <li data-updated=updated_count>{t!(i18n, import.updated_count, count = move || updated_count)}</li>
            </ul>
        </section>
        <decisions::Decisions v=v.clone() upload />
        <section class="card import__rows" aria-labelledby="import-rows-title">
            <h2 id="import-rows-title">{t!(i18n, import.rows_title)}</h2>
            {if has_errors {
                view! {
                    <p class="alert alert--error" role="alert" id="import-errors-intro">{t!(i18n, import.errors_intro)}</p>
                    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="import-errors-intro">
                        <table class="table table--stack import__errors">
                            <thead><tr>
                                <th scope="col">{t!(i18n, import.row)}</th>
                                <th scope="col">{t!(i18n, import.column)}</th>
                                <th scope="col">{t!(i18n, import.problem)}</th>
                                <th scope="col">{t!(i18n, import.value)}</th>
                            </tr></thead>
                            <tbody>
                                {errors.into_iter().map(|e| view! { <ErrorRow e /> }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {(hidden_errors > 0).then(|| view! { <p class="hint">{t!(i18n, import.errors_more, count = move || hidden_errors)}</p> })}
                }.into_any()
            } else {
                view! { <p class="alert alert--ok" role="status">{t!(i18n, import.no_errors)}</p> }.into_any()
            }}
            <p>
                <button
                    type="button"
                    class="button button--primary"
                    id="import-submit"
                    disabled=move || !importable || importing.get() || done()
                    aria-describedby=(!importable).then_some("import-submit-why")
                    aria-busy=move || importing.get().then_some("true")
                    on:click=move |_| upload.send_commit()
                >
                    {move || if importing.get() { t!(i18n, import.importing).into_any() } else { t!(i18n, import.submit).into_any() }}
                </button>
            </p>
            {(!importable).then(|| view! { <p class="hint" id="import-submit-why">{t!(i18n, import.submit_blocked)}</p> })}
            <progress::ImportSteps rows running=importing.into() />
            <FormError result=commit_error />
        </section>
        <SampleTable v />
    }
}

/// One row error: row number, column letter, translated problem and the value as written.
#[component]
fn ErrorRow(e: RowError) -> impl IntoView {
    let i18n = use_i18n();
    let column = e.column.map(column_letter).unwrap_or_default();
    let (code, related) = (e.code, e.related_row);
    let suggestion = e.suggestion.clone();
    view! {
        <tr data-row=e.row data-code=code.as_str()>
            <td data-label=move || td_string!(i18n.get_locale(), import.row)>{e.row}</td>
            <td data-label=move || td_string!(i18n.get_locale(), import.column)>{column}</td>
            <td data-label=move || td_string!(i18n.get_locale(), import.problem)>
                {move || row_problem(i18n, code, related)}
                {suggestion.map(|s| {
                    let shown = s.clone();
                    view! { " " <span class="import__suggestion" data-suggestion=s>{t!(i18n, import.did_you_mean, value = move || shown.clone())}</span> }
                })}
            </td>
            <td data-label=move || td_string!(i18n.get_locale(), import.value)><code>{e.value.clone()}</code></td>
        </tr>
    }
}

/// The column table: header, letter and a field chooser per column.
#[component]
fn MappingTable(columns: Vec<ColumnMapping>, upload: Upload) -> impl IntoView {
    let i18n = use_i18n();
    let all = StoredValue::new(columns.clone());
    let busy = upload.preview.pending();
    view! {
        <section class="card import__mapping" aria-labelledby="import-mapping-title">
            <h2 id="import-mapping-title">{t!(i18n, import.mapping_title)}</h2>
            <p class="hint">{t!(i18n, import.mapping_intro)}</p>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="import-mapping-title">
                <table class="table">
                    <thead><tr>
                        <th scope="col">{t!(i18n, import.column)}</th>
                        <th scope="col">{t!(i18n, import.header)}</th>
                        <th scope="col">{t!(i18n, import.field)}</th>
                    </tr></thead>
                    <tbody>
                        {columns.into_iter().map(|c| {
                            let index = c.index;
                            let letter = column_letter(index);
                            let id = format!("import-field-{index}");
                            let current = c.field;
                            view! {
                                <tr data-column=index>
                                    <td>{letter}</td>
                                    <td><label for=id.clone()>{c.header.clone()}</label></td>
                                    <td>
                                        <select
                                            id=id
                                            disabled=move || busy.get()
                                            on:change=move |ev| {
                                                let field = Field::parse(&event_target_value(&ev));
                                                upload.remap(&all.read_value(), index, field);
                                            }
                                        >
                                            <option value="" selected=current.is_none()>{t!(i18n, import.ignore)}</option>
                                            {Field::ALL.into_iter().map(|f| view! {
                                                <option value=f.as_str() selected=current == Some(f)>{move || field_label(i18n, f)}</option>
                                            }).collect_view()}
                                        </select>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The first rows as written, under their headers.
#[component]
fn SampleTable(v: PreviewView) -> impl IntoView {
    let i18n = use_i18n();
    let headers = v.columns.clone();
    view! {
        <section class="card import__sample" aria-labelledby="import-sample-title">
            <h2 id="import-sample-title">{t!(i18n, import.sample_title)}</h2>
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="import-sample-title">
                <table class="table">
                    <thead><tr>
                        <th scope="col">{t!(i18n, import.row)}</th>
                        {headers.iter().map(|c| view! { <th scope="col">{c.header.clone()}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {v.sample.into_iter().map(|r| view! {
                            <tr>
                                <th scope="row">{r.row}</th>
                                {r.cells.into_iter().map(|cell| view! { <td>{cell}</td> }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// The organisation's level ladder, editable without a file: reorder, add or remove titles; saving
/// re-levels everyone imported with a title.
/// The ladder card's action and resource, made by the page beside its other resources: the
/// card itself is made inside the page's suspended body, which the server may make more than
/// once (see [`crate::components::role_gate::SessionPage`]).
#[derive(Clone, Copy)]
struct Ladder {
    saved: ServerAction<SaveLevelLadder>,
    ladder: Resource<Result<LadderView, AppError>>,
}

impl Ladder {
    fn new() -> Ladder {
        let saved = ServerAction::<SaveLevelLadder>::new();
        let ladder = Resource::new(move || saved.version().get(), |_| level_ladder());
        Ladder { saved, ladder }
    }
}

#[component]
fn LadderCard(ladder: Ladder) -> impl IntoView {
    let i18n = use_i18n();
    let Ladder { saved, ladder } = ladder;
    let save_error = Signal::derive(move || saved.value().get().map(|r| r.map(|_| ())));
    view! {
        <section class="card import__ladder" aria-labelledby="import-ladder-title">
            <h2 id="import-ladder-title">{t!(i18n, import.ladder_title)}</h2>
            <p class="hint">{t!(i18n, import.ladder_intro)}</p>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match ladder.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(l) => {
                            let (titled, unplaced) = (l.titled, l.unplaced);
                            view! {
                                {l.titles.is_empty().then(|| view! { <p class="muted">{t!(i18n, import.ladder_empty)}</p> })}
                                <p class="muted" data-titled=titled data-unplaced=unplaced>
                                    {t!(i18n, import.ladder_status, titled = move || titled, unplaced = move || unplaced)}
                                </p>
                                <ladder::LadderEditor
                                    initial=l.titles
                                    is_new=Callback::new(|_| false)
                                    count=Callback::new(|_| 0)
                                    removable=true
                                    save_label=Signal::derive(move || td_string!(i18n.get_locale(), import.ladder_save).to_string())
                                    on_save=Callback::new(move |titles: Vec<String>| { saved.dispatch(SaveLevelLadder { titles }); })
                                    busy=saved.pending().into()
                                />
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
            <FormError result=save_error />
            {move || matches!(saved.value().get(), Some(Ok(_))).then(|| view! {
                <p class="alert alert--ok" role="status">{t!(i18n, import.ladder_saved)}</p>
            })}
        </section>
    }
}

fn delimiter_label(i18n: I18nContext<Locale>, d: Delimiter) -> &'static str {
    let locale = i18n.get_locale();
    match d {
        Delimiter::Comma => td_string!(locale, import.delimiter_comma),
        Delimiter::Semicolon => td_string!(locale, import.delimiter_semicolon),
        Delimiter::Tab => td_string!(locale, import.delimiter_tab),
    }
}

/// The field's name in the reader's language.
fn field_label(i18n: I18nContext<Locale>, f: Field) -> &'static str {
    let locale = i18n.get_locale();
    match f {
        Field::Email => td_string!(locale, import.field_email),
        Field::Name => td_string!(locale, import.field_name),
        Field::FirstName => td_string!(locale, import.field_first_name),
        Field::LastName => td_string!(locale, import.field_last_name),
        Field::SecondLastName => td_string!(locale, import.field_second_last_name),
        Field::Department => td_string!(locale, import.field_department),
        Field::JobLevel => td_string!(locale, import.field_job_level),
        Field::ManagerEmail => td_string!(locale, import.field_manager_email),
        Field::CompanyStart => td_string!(locale, import.field_company_start),
        Field::Generation => td_string!(locale, import.field_generation),
        Field::Languages => td_string!(locale, import.field_languages),
        Field::TimeZone => td_string!(locale, import.field_time_zone),
        Field::Location => td_string!(locale, import.field_location),
        Field::CanTeach => td_string!(locale, import.field_can_teach),
        Field::WantsToLearn => td_string!(locale, import.field_wants_to_learn),
        Field::Interests => td_string!(locale, import.field_interests),
        Field::MentorCapacity => td_string!(locale, import.field_mentor_capacity),
        Field::Role => td_string!(locale, import.field_role),
    }
}

/// What is wrong with a row, in the reader's language.
fn row_problem(i18n: I18nContext<Locale>, code: RowErrorCode, related: Option<i64>) -> AnyView {
    let row = related.unwrap_or_default();
    match code {
        RowErrorCode::MissingEmail => t!(i18n, import.row_missing_email).into_any(),
        RowErrorCode::InvalidEmail => t!(i18n, import.row_invalid_email).into_any(),
        RowErrorCode::MissingName => t!(i18n, import.row_missing_name).into_any(),
        RowErrorCode::InvalidName => t!(i18n, import.row_invalid_name).into_any(),
        RowErrorCode::DuplicateEmail => t!(i18n, import.row_duplicate_email, row = move || row).into_any(),
        RowErrorCode::UnknownManager => t!(i18n, import.row_unknown_manager).into_any(),
        RowErrorCode::ManagerIsSelf => t!(i18n, import.row_manager_is_self).into_any(),
        RowErrorCode::ManagementCycle => t!(i18n, import.row_management_cycle, row = move || row).into_any(),
        RowErrorCode::InvalidDate => t!(i18n, import.row_invalid_date).into_any(),
        RowErrorCode::InvalidJobLevel => t!(i18n, import.row_invalid_job_level).into_any(),
        RowErrorCode::InvalidCapacity => t!(i18n, import.row_invalid_capacity).into_any(),
        RowErrorCode::InvalidRole => t!(i18n, import.row_invalid_role).into_any(),
        RowErrorCode::InvalidTimeZone => t!(i18n, import.row_invalid_time_zone).into_any(),
        RowErrorCode::ValueTooLong => t!(i18n, import.row_value_too_long).into_any(),
        RowErrorCode::ExtraCells => t!(i18n, import.row_extra_cells).into_any(),
    }
}

/// Why the file as a whole cannot be read, in the reader's language.
fn file_problem(i18n: I18nContext<Locale>, e: ImportError) -> AnyView {
    match e {
        ImportError::FileTooLarge { .. } => t!(i18n, import.file_file_too_large).into_any(),
        ImportError::SpreadsheetFile => t!(i18n, import.file_spreadsheet_file).into_any(),
        ImportError::UnsupportedEncoding => t!(i18n, import.file_unsupported_encoding).into_any(),
        ImportError::NoHeader => t!(i18n, import.file_no_header).into_any(),
        ImportError::TooManyColumns { max_columns } => {
            t!(i18n, import.file_too_many_columns, max = move || max_columns).into_any()
        }
        ImportError::TooManyRows { max_rows } => {
            t!(i18n, import.file_too_many_rows, max = move || max_rows).into_any()
        }
        ImportError::UnterminatedQuote { row } => {
            t!(i18n, import.file_unterminated_quote, row = move || row).into_any()
        }
        ImportError::MissingEmailColumn { .. } => t!(i18n, import.file_missing_email_column).into_any(),
        ImportError::MissingNameColumn { .. } => t!(i18n, import.file_missing_name_column).into_any(),
        ImportError::InvalidMapping { .. } => t!(i18n, import.file_invalid_mapping).into_any(),
        ImportError::DuplicateMapping { .. } => t!(i18n, import.file_duplicate_mapping).into_any(),
        ImportError::InvalidRoleRule => t!(i18n, import.file_invalid_role_rule).into_any(),
    }
}
