use leptos::prelude::*;

use crate::ui::graph::GraphState;

/// Rows the table shows (most papers first); the map itself has them all.
const ROWS: usize = 300;

/// The map as a table, for screen readers and for reading exact numbers.
#[component]
pub fn AuthorTable(state: GraphState) -> impl IntoView {
    let rows = move || {
        state.graph.with(|g| {
            g.top_by_papers(ROWS)
                .into_iter()
                .map(|i| {
                    let node = &g.nodes[i];
                    view! {
                        <tr>
                            <th scope="row">
                                <button type="button" class="link-button" on:click=move |_| state.select(Some(i))>
                                    {node.label.clone()}
                                </button>
                            </th>
                            <td>{node.papers.len()}</td>
                            <td>{node.degree}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <details class="author-table">
            <summary>"Authors as a table"</summary>
            <table data-testid="author-table">
                <caption class="visually-hidden">"Authors in the current result, with their papers and co-authors"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Author"</th>
                        <th scope="col">"Papers"</th>
                        <th scope="col">"Co-authors"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </details>
    }
}
