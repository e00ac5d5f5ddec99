//! The store contract: one story per behaviour, run unchanged against a real SQLite
//! file (`sqlite::…`) and a real Postgres database (`postgres::…`). A backend that
//! passes these behaves the same as the other one, as far as the app can tell.

mod customers;

/// Instantiates each story once per backend, each test on a fresh store.
macro_rules! contract {
    ($($story:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $story() {
                    let store = desk_tests::stores::sqlite().await;
                    crate::customers::$story(store.store.as_ref()).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $story() {
                    let store = desk_tests::stores::postgres().await;
                    crate::customers::$story(store.store.as_ref()).await;
                }
            )*
        }
    };
}

contract!(
    an_inserted_customer_reads_back_unchanged,
    the_email_is_unique_ignoring_case,
    the_list_is_sorted_by_last_then_first_name_ignoring_case,
    keyset_pages_cover_every_customer_once_in_order,
    a_page_request_past_the_end_is_empty,
    adding_through_the_app_trims_and_keeps_the_values,
    a_duplicate_email_is_reported_on_the_email_field_and_nothing_is_saved,
    invalid_input_is_refused_and_nothing_is_saved,
);
