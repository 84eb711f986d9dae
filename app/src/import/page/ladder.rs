//! The level ladder editor: job titles in order, most junior first, moved with the arrow buttons
//! or by dragging. The import decisions use it to order the titles of a file; the page's saved
//! ladder uses it to edit the stored order.

use leptos::prelude::*;

use crate::i18n::*;

/// An ordered list of titles, most junior first, moved with the arrow buttons (keyboard) or by
/// dragging (pointer); optionally titles can be removed and added.
#[component]
pub(super) fn LadderEditor(
    /// The titles in their current order.
    initial: Vec<String>,
    /// Whether a title is new (not on the stored ladder yet).
    is_new: Callback<String, bool>,
    /// How many people of the file have the title (0 hides the count).
    count: Callback<String, i64>,
    /// Whether titles can be removed and added.
    removable: bool,
    /// The save button's text.
    save_label: Signal<String>,
    /// Called with the titles in order.
    on_save: Callback<Vec<String>>,
    /// While saving.
    busy: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let titles = RwSignal::new(initial);
    let dragging = RwSignal::new(None::<usize>);
    let added = NodeRef::<leptos::html::Input>::new();
    let move_item = move |from: usize, to: usize| {
        titles.update(|t| {
            if from < t.len() && to < t.len() && from != to {
                let item = t.remove(from);
                t.insert(to, item);
            }
        });
    };
    let add = move |_| {
        let Some(input) = added.get() else { return };
        let value = input.value().trim().to_string();
        if value.is_empty() {
            return;
        }
        titles.update(|t| {
            if !t
                .iter()
                .any(|x| domain::ladder::title_key(x) == domain::ladder::title_key(&value))
            {
                t.push(value);
            }
        });
        input.set_value("");
    };
    let list = NodeRef::<leptos::html::Ol>::new();
    // Moving a step re-inserts its element, which drops the keyboard focus: put it back on the
    // same arrow of the moved step (or its other arrow, at either end), so pressing Enter again
    // keeps moving it.
    let refocus = move |title: String, arrow: &'static str| {
        #[cfg(feature = "hydrate")]
        request_animation_frame(move || {
            use wasm_bindgen::JsCast;
            let Some(list) = list.get_untracked() else { return };
            let items = list.children();
            for i in 0..items.length() {
                let Some(item) = items.item(i) else { continue };
                if item.get_attribute("data-title").as_deref() != Some(title.as_str()) {
                    continue;
                }
                let other = if arrow == ".ladder__up" {
                    ".ladder__down"
                } else {
                    ".ladder__up"
                };
                for selector in [arrow, other] {
                    if let Ok(Some(button)) = item.query_selector(selector)
                        && !button.has_attribute("disabled")
                        && let Ok(button) = button.dyn_into::<web_sys::HtmlElement>()
                    {
                        let _ = button.focus();
                        return;
                    }
                }
            }
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (title, arrow);
    };
    view! {
        <ol class="ladder" node_ref=list aria-label=move || td_string!(i18n.get_locale(), import.ladder_label)>
            <For
                each=move || titles.get()
                key=Clone::clone
                children=move |title: String| {
                    // Keyed by title: a moved step keeps its element; its position is read afresh.
                    let me = StoredValue::new(title.clone());
                    let at = move || titles.with(|t| me.with_value(|m| t.iter().position(|x| x == m).unwrap_or(0)));
                    let is_last = move || titles.with(Vec::len).saturating_sub(1) <= at();
                    let fresh = is_new.run(title.clone());
                    let n = count.run(title.clone());
                    view! {
                        <li
                            class="ladder__step"
                            class:ladder__step--new=fresh
                            draggable="true"
                            data-title=title.clone()
                            on:dragstart=move |ev| {
                                dragging.set(Some(at()));
                                if let Some(dt) = ev.data_transfer() {
                                    dt.set_effect_allowed("move");
                                    let _ = dt.set_data("text/plain", &at().to_string());
                                }
                            }
                            on:dragover=move |ev| ev.prevent_default()
                            on:drop=move |ev| {
                                ev.prevent_default();
                                if let Some(from) = dragging.get_untracked() {
                                    move_item(from, at());
                                }
                                dragging.set(None);
                            }
                            on:dragend=move |_| dragging.set(None)
                        >
                            <span class="ladder__level">{move || at() + 1}</span>
                            <span class="ladder__title">{title.clone()}</span>
                            {fresh.then(|| view! { <span class="badge">{t!(i18n, import.ladder_new)}</span> })}
                            {(n > 0).then(|| view! { <span class="muted ladder__count">{t!(i18n, import.ladder_people, count = move || n)}</span> })}
                            <span class="ladder__moves">
                                <button type="button" class="button button--quiet ladder__up" disabled=move || at() == 0
                                    on:click=move |_| { let i = at(); move_item(i, i.saturating_sub(1)); refocus(me.get_value(), ".ladder__up"); }>
                                    <span aria-hidden="true">"↑"</span>
                                    <span class="visually-hidden">{t!(i18n, import.ladder_up, title = { let t = title.clone(); move || t.clone() })}</span>
                                </button>
                                <button type="button" class="button button--quiet ladder__down" disabled=is_last
                                    on:click=move |_| { let i = at(); move_item(i, i + 1); refocus(me.get_value(), ".ladder__down"); }>
                                    <span aria-hidden="true">"↓"</span>
                                    <span class="visually-hidden">{t!(i18n, import.ladder_down, title = { let t = title.clone(); move || t.clone() })}</span>
                                </button>
                                {removable.then(|| { let t = title.clone(); view! {
                                    <button type="button" class="button button--quiet ladder__remove"
                                        on:click=move |_| { let i = at(); titles.update(|list| { if i < list.len() { list.remove(i); } }); }>
                                        <span aria-hidden="true">"×"</span>
                                        <span class="visually-hidden">{t!(i18n, import.ladder_remove, title = move || t.clone())}</span>
                                    </button>
                                }})}
                            </span>
                        </li>
                    }
                }
            />
        </ol>
        {removable.then(|| view! {
            <div class="ladder__add">
                <label for="ladder-add">{t!(i18n, import.ladder_add_label)}</label>
                <input id="ladder-add" type="text" maxlength="80" node_ref=added />
                <button type="button" class="button" on:click=add>{t!(i18n, import.ladder_add)}</button>
            </div>
        })}
        <p>
            <button type="button" class="button button--primary ladder__save" disabled=move || busy.get()
                on:click=move |_| on_save.run(titles.get_untracked())>
                {move || save_label.get()}
            </button>
        </p>
    }
}
