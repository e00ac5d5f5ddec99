//! The store contract: one story per behaviour, run unchanged against a real SQLite
//! file (`…::sqlite::…`) and a real Postgres database (`…::postgres::…`). A backend that
//! passes these behaves the same as the other one, as far as the app can tell.

/// Instantiates each story of the calling module once per backend, each test on a
/// fresh store. Use at the end of a stories module.
macro_rules! contract {
    ($($story:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $story() {
                    let store = desk_tests::stores::sqlite().await;
                    super::$story(store.store.clone()).await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $story() {
                    let store = desk_tests::stores::postgres().await;
                    super::$story(store.store.clone()).await;
                }
            )*
        }
    };
}

mod addresses;
mod append_only;
mod attributes;
mod audit;
mod companies;
mod company_invitations;
mod company_members;
mod company_roles;
mod concurrency;
mod customer_csv;
mod customer_flows;
mod customer_list;
mod customers;
mod delivery;
mod delivery_answers;
mod erasure;
mod group_companies;
mod groups;
mod link_tokens;
mod orders;
mod outbox;
mod private_files;
mod seeding;
mod sessions;
mod settings;
mod sign_in;
mod staff;
mod upgrade;
