//! After signing in with a one-time password: choosing one's own comes first (the
//! backend refuses everything else until then).

use desk_domain::staff::Session;
use leptos::prelude::*;

use crate::pages::account::ChangePasswordForm;
use crate::session::SessionContext;

/// The change-password form, alone, before the app opens.
#[component]
pub fn ChangePasswordFirstPage(session: Session) -> impl IntoView {
    let context = SessionContext::get();
    let on_changed = Callback::new(move |()| context.refresh(None));
    view! {
        <main class="gate">
            <div class="gate-card" id="change-password-first">
                <h1>"Choose your own password"</h1>
                <p class="banner info" role="status">
                    "You signed in as " <strong>{session.staff.display_name.to_string()}</strong>
                    " with a one-time password. Choose your own before going on; the one-time \
                     password stops working."
                </p>
                <ChangePasswordForm on_changed=on_changed />
            </div>
        </main>
    }
}
