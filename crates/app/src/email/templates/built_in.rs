//! The app's own English templates: what every message says until an administrator
//! writes one for the store.

use desk_domain::email_template::{TemplateKind, TemplateText};

fn text(subject: &str, body_text: &str, body_html: &str) -> TemplateText {
    TemplateText {
        subject: subject.to_owned(),
        body_text: body_text.to_owned(),
        body_html: body_html.to_owned(),
    }
}

/// The built-in template of `kind`.
pub fn built_in(kind: TemplateKind) -> TemplateText {
    match kind {
        TemplateKind::Verification => text(
            "Confirm your email address for {{ site_name }}",
            "Hello {{ customer_name }},\n\n\
             please confirm your email address for {{ site_name }} by opening this link:\n\n\
             {{ verification_link }}\n\n\
             The link works once, until {{ expires_at }}.\n",
            "<p>Hello {{ customer_name }},</p>\n\
             <p>please confirm your email address for {{ site_name }}:</p>\n\
             <p><a href=\"{{ verification_link }}\">Confirm my email address</a></p>\n\
             <p>The link works once, until {{ expires_at }}.</p>\n",
        ),
        TemplateKind::PasswordToken => text(
            "Choose your password for {{ site_name }}",
            "Hello {{ customer_name }},\n\n\
             an account has been created for you at {{ site_name }}. Choose your password \
             here:\n\n{{ set_password_link }}\n\n\
             The link works once, until {{ expires_at }}.\n",
            "<p>Hello {{ customer_name }},</p>\n\
             <p>an account has been created for you at {{ site_name }}.</p>\n\
             <p><a href=\"{{ set_password_link }}\">Choose my password</a></p>\n\
             <p>The link works once, until {{ expires_at }}.</p>\n",
        ),
        TemplateKind::InitialPassword => text(
            "Your account at {{ site_name }}",
            "Hello {{ customer_name }},\n\n\
             your account at {{ site_name }} is ready. Sign in at {{ sign_in_link }} with \
             this password:\n\n{{ password }}\n\n\
             Please choose your own password after signing in.\n",
            "<p>Hello {{ customer_name }},</p>\n\
             <p>your account at {{ site_name }} is ready. Sign in at \
             <a href=\"{{ sign_in_link }}\">{{ sign_in_link }}</a> with this password:</p>\n\
             <p><code>{{ password }}</code></p>\n\
             <p>Please choose your own password after signing in.</p>\n",
        ),
        TemplateKind::AccountPrepared => text(
            "Your account at {{ site_name }} is being prepared",
            "Hello {{ customer_name }},\n\n\
             an account at {{ site_name }} has been created for you and is being prepared. \
             You cannot sign in yet; we will write again when you can. Your password will \
             be:\n\n{{ password }}\n",
            "<p>Hello {{ customer_name }},</p>\n\
             <p>an account at {{ site_name }} has been created for you and is being \
             prepared. You cannot sign in yet; we will write again when you can.</p>\n\
             <p>Your password will be: <code>{{ password }}</code></p>\n",
        ),
        TemplateKind::AccountActive => text(
            "Your account at {{ site_name }} is now active",
            "Hello {{ customer_name }},\n\n\
             your account at {{ site_name }} is now active. Sign in at {{ sign_in_link }} \
             with the password from our first email.\n",
            "<p>Hello {{ customer_name }},</p>\n\
             <p>your account at {{ site_name }} is now active. Sign in at \
             <a href=\"{{ sign_in_link }}\">{{ sign_in_link }}</a> with the password from \
             our first email.</p>\n",
        ),
        TemplateKind::Invitation => text(
            "{{ inviter_name }} invites you to {{ company_name }} on {{ site_name }}",
            "Hello,\n\n\
             {{ inviter_name }} invites you ({{ invitee_email }}) to join {{ company_name }} \
             on {{ site_name }} as {{ role }}. Register here:\n\n{{ registration_link }}\n\n\
             The link works once, until {{ expires_at }}.\n",
            "<p>Hello,</p>\n\
             <p>{{ inviter_name }} invites you ({{ invitee_email }}) to join \
             <strong>{{ company_name }}</strong> on {{ site_name }} as {{ role }}.</p>\n\
             <p><a href=\"{{ registration_link }}\">Register and join</a></p>\n\
             <p>The link works once, until {{ expires_at }}.</p>\n",
        ),
        TemplateKind::Test => text(
            "Customer Desk test email",
            "This test email was sent by {{ staff_name }} from Customer Desk through \
             {{ smtp_host }}.\n\nIf you can read it, the store's email settings work.\n",
            "<p>This test email was sent by {{ staff_name }} from Customer Desk through \
             {{ smtp_host }}.</p>\n<p>If you can read it, the store's email settings \
             work.</p>\n",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::email::templates::render::render_sample;

    #[test]
    fn every_built_in_template_renders_with_its_variables() {
        for kind in TemplateKind::ALL {
            let rendered = render_sample(kind, &built_in(kind))
                .unwrap_or_else(|problems| panic!("{kind:?}: {problems:?}"));
            assert!(!rendered.subject.is_empty(), "{kind:?}");
            for variable in kind.variables() {
                assert!(
                    rendered.text.contains(variable.sample),
                    "{kind:?} text uses {}",
                    variable.name
                );
            }
        }
    }
}
