use leptos::prelude::*;

use crate::core::api::{
    build_search_query, ApiQuery, QueryField, QueryOperator, QueryRow, SortBy, SortOrder,
    DEFAULT_MAX_RESULTS, MAX_PAGE_SIZE, MAX_RESULTS,
};
use crate::core::feed::Date;
use crate::core::taxonomy::CATEGORIES;
use crate::ui::controls::NumberField;
use crate::ui::parts::OnDemandView;
use crate::ui::sources::{use_sources, QueryProgressView};
use crate::web::parts::on_demand;

on_demand! {
    query_builder:
    /// The query builder's form, a part of its own, fetched when the builder is first opened.
    fn query_form_part() -> AnyView {
        view! { <QueryForm /> }.into_any()
    }
}

/// "Search arXiv": the query builder, folded until it is opened; its form is a part of the
/// page fetched then.
#[component]
pub fn QueryBuilder() -> impl IntoView {
    let opened = RwSignal::new(false);
    view! {
        <details class="query-builder" data-testid="query-builder">
            // Keyboard activation of a summary is a click too.
            <summary on:click=move |_| opened.set(true)>"Search arXiv"</summary>
            {move || opened.get().then(|| view! {
                <OnDemandView
                    what="The query builder"
                    loading="Loading the query builder…"
                    load=query_form_part
                />
            })}
        </details>
    }
}

const CATEGORY_LIST: &str = "arxiv-categories";

/// One editable row; `key` keeps a row's inputs in place when others are removed.
#[derive(Clone, Debug, PartialEq)]
struct BuilderRow {
    key: u32,
    row: QueryRow,
}

fn field_from(prefix: &str) -> QueryField {
    QueryField::ALL
        .into_iter()
        .find(|f| f.prefix() == prefix)
        .unwrap_or(QueryField::All)
}

fn operator_from(raw: &str) -> QueryOperator {
    match raw {
        "OR" => QueryOperator::Or,
        "ANDNOT" => QueryOperator::AndNot,
        _ => QueryOperator::And,
    }
}

/// Builds an arXiv API query from rows of field and terms joined by AND / OR / AND NOT, with
/// a category picker over arXiv's taxonomy, a submitted-date range, sort and sizes; shows the
/// `search_query` it makes, and starts the paged fetch.
#[component]
fn QueryForm() -> impl IntoView {
    let sources = use_sources();
    let rows = RwSignal::new(vec![BuilderRow {
        key: 0,
        row: QueryRow {
            operator: QueryOperator::And,
            field: QueryField::Category,
            term: String::new(),
        },
    }]);
    let next_key = StoredValue::new(1u32);
    let (from, set_from) = signal(String::new());
    let (to, set_to) = signal(String::new());
    let (sort, set_sort) = signal("submittedDate".to_string());
    let (order, set_order) = signal("descending".to_string());
    let page_size = RwSignal::new(500u32);
    let total = RwSignal::new(DEFAULT_MAX_RESULTS);

    let dates = move || {
        let from = Date::parse_iso(from.get().trim());
        let to = Date::parse_iso(to.get().trim());
        match (from, to) {
            (Some(a), Some(b)) => Some((a, b)),
            (Some(a), None) => Some((a, Date::parse_iso("2999-12-31")?)),
            (None, Some(b)) => Some((Date::parse_iso("1991-01-01")?, b)),
            (None, None) => None,
        }
    };
    let search_query = Memo::new(move |_| {
        let list: Vec<QueryRow> = rows.with(|r| r.iter().map(|b| b.row.clone()).collect());
        build_search_query(&list, dates())
    });
    let query = move || {
        let mut query = ApiQuery::new(&search_query.get()?);
        query.sort_by = SortBy::parse(&sort.get());
        query.sort_order = query.sort_by.and(SortOrder::parse(&order.get()));
        query.max_results = total.get().clamp(1, MAX_RESULTS);
        query.page_size = page_size.get().clamp(1, MAX_PAGE_SIZE);
        Some(query)
    };

    let update_row = move |key: u32, change: Box<dyn FnOnce(&mut QueryRow)>| {
        rows.update(|list| {
            if let Some(b) = list.iter_mut().find(|b| b.key == key) {
                change(&mut b.row);
            }
        })
    };
    let add_row = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        rows.update(|list| {
            list.push(BuilderRow {
                key,
                row: QueryRow {
                    operator: QueryOperator::And,
                    field: QueryField::All,
                    term: String::new(),
                },
            })
        });
    };
    let row_views = move || {
        let count = rows.with(Vec::len);
        rows.get()
            .into_iter()
            .enumerate()
            .map(|(position, b)| {
                let key = b.key;
                let term_id = format!("query-term-{key}");
                let is_category = b.row.field == QueryField::Category;
                view! {
                    <div class="query-row" data-testid="query-row">
                        {if position == 0 {
                            view! { <span class="query-row__first">"Find"</span> }.into_any()
                        } else {
                            view! {
                                <select
                                    class="query-row__operator"
                                    aria-label="How this row joins the rows above"
                                    data-testid="query-operator"
                                    on:change=move |ev| {
                                        let op = operator_from(&event_target_value(&ev));
                                        update_row(key, Box::new(move |r| r.operator = op));
                                    }
                                >
                                    <option value="AND" selected=b.row.operator == QueryOperator::And>"and"</option>
                                    <option value="OR" selected=b.row.operator == QueryOperator::Or>"or"</option>
                                    <option value="ANDNOT" selected=b.row.operator == QueryOperator::AndNot>"but not"</option>
                                </select>
                            }.into_any()
                        }}
                        <select
                            class="query-row__field"
                            aria-label="Field"
                            data-testid="query-field"
                            on:change=move |ev| {
                                let field = field_from(&event_target_value(&ev));
                                update_row(key, Box::new(move |r| r.field = field));
                            }
                        >
                            {QueryField::ALL.into_iter().map(|f| view! {
                                <option value=f.prefix() selected=f == b.row.field>{f.label()}</option>
                            }).collect_view()}
                        </select>
                        <label class="visually-hidden" for=term_id.clone()>"Search terms"</label>
                        <input
                            id=term_id
                            class="query-row__term"
                            data-testid="query-term"
                            list=is_category.then_some(CATEGORY_LIST)
                            placeholder=if is_category { "cs.OS (pick from the list)" } else { "words or \"a phrase\"" }
                            prop:value=b.row.term.clone()
                            on:input=move |ev| {
                                let term = event_target_value(&ev);
                                update_row(key, Box::new(move |r| r.term = term));
                            }
                        />
                        <button
                            type="button"
                            class="button button--quiet"
                            aria-label="Remove this row"
                            disabled=count == 1
                            on:click=move |_| rows.update(|list| list.retain(|b| b.key != key))
                        >
                            "×"
                        </button>
                    </div>
                }
            })
            .collect_view()
    };
    let categories = CATEGORIES
        .iter()
        .map(|c| view! { <option value=c.code>{format!("{} ({})", c.name, c.group)}</option> })
        .collect_view();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(query) = query() {
            sources.start_query_from_builder(query);
        }
    };
    let has_proxy = sources.settings.has_proxy();
    let from_builder = sources.query.from_builder();
    let no_proxy = move || !has_proxy.get();

    view! {
        <form class="query-builder__form" on:submit=submit>
                <datalist id=CATEGORY_LIST>{categories}</datalist>
                <fieldset class="query-builder__rows">
                    <legend class="visually-hidden">"Search terms"</legend>
                    {row_views}
                    <button type="button" class="button button--quiet" data-testid="query-add-row" on:click=add_row>
                        "+ Add a row"
                    </button>
                </fieldset>
                <div class="query-builder__options">
                    <label class="field" for="query-from">
                        <span class="field__label">"Submitted from"</span>
                        <input id="query-from" type="date" prop:value=from on:input=move |ev| set_from.set(event_target_value(&ev)) />
                    </label>
                    <label class="field" for="query-to">
                        <span class="field__label">"to"</span>
                        <input id="query-to" type="date" prop:value=to on:input=move |ev| set_to.set(event_target_value(&ev)) />
                    </label>
                    <label class="field" for="query-sort">
                        <span class="field__label">"Sort by"</span>
                        <select id="query-sort" on:change=move |ev| set_sort.set(event_target_value(&ev))>
                            <option value="submittedDate" selected=true>"Submitted date"</option>
                            <option value="lastUpdatedDate">"Last updated"</option>
                            <option value="relevance">"Relevance"</option>
                        </select>
                    </label>
                    <label class="field" for="query-order">
                        <span class="field__label">"Order"</span>
                        <select id="query-order" on:change=move |ev| set_order.set(event_target_value(&ev))>
                            <option value="descending" selected=true>"Newest first"</option>
                            <option value="ascending">"Oldest first"</option>
                        </select>
                    </label>
                    <NumberField
                        id="query-page-size"
                        label="Per request"
                        min=1
                        max=MAX_PAGE_SIZE
                        value=page_size
                        on_change=Callback::new(move |n| page_size.set(n))
                    />
                    <NumberField
                        id="query-total"
                        label="At most"
                        min=1
                        max=MAX_RESULTS
                        value=total
                        on_change=Callback::new(move |n| total.set(n))
                    />
                </div>
                <p class="query-builder__preview">
                    "search_query: "
                    <code data-testid="query-preview">
                        {move || search_query.get().unwrap_or_else(|| "(fill in a row or a date)".into())}
                    </code>
                </p>
                {move || no_proxy().then(|| view! {
                    <p class="source-add__hint" data-testid="query-proxy-hint">
                        "arXiv's API does not let pages on other sites read it, so this needs a CORS proxy (set one below). Requests go out one at a time, 3 s apart, as arXiv asks."
                    </p>
                })}
                <div class="query-builder__submit">
                    <button
                        type="submit"
                        class="button button--primary"
                        data-testid="query-submit"
                        disabled=move || search_query.get().is_none()
                    >
                        "Fetch from arXiv"
                    </button>
                    <Show when=move || from_builder.get()>
                        <QueryProgressView />
                    </Show>
                </div>
        </form>
    }
}
