//! Email: the store's email settings, and the outbox's delivery over SMTP. Use cases
//! queue messages with their change (`Effects::and_queue`); only [`delivery`] sends
//! them, through [`Mailer`], the one place the app speaks SMTP.

mod commands;
pub mod compose;
pub mod delivery;
mod mailer;
pub mod outbox;
mod send_failure;
mod settings;
pub mod smtp_password;
pub mod templates;

pub use delivery::{
    DeliveryPolicy, DeliveryTally, DeliveryWorker, MailSource, deliver_claimed, deliver_due,
};
pub use mailer::Mailer;
pub use send_failure::SendFailure;
pub use settings::{email_settings_view, save_email_settings, send_test_email};
