//! Email templates.

use desk_domain::email_template::{TemplateKey, TemplateKind, TemplateText};

use super::{apply_effects, corrupt};
use crate::backend::{SqlStore, Statement};
use crate::{Backend, Effects, StoreError};

impl<DB: Backend> SqlStore<DB> {
    pub(super) async fn select_template(
        &self,
        key: &TemplateKey,
    ) -> Result<Option<TemplateText>, StoreError> {
        let mut connection = self.pool.acquire().await?;
        let row = Statement::<DB>::new(
            "SELECT subject, body_text, body_html FROM email_templates \
             WHERE kind = $1 AND locale = $2",
        )
        .text(key.kind.code())
        .text(&key.locale)
        .fetch_optional(&mut connection)
        .await?;
        row.map(|row| {
            Ok(TemplateText {
                subject: DB::text(&row, "subject")?,
                body_text: DB::text(&row, "body_text")?,
                body_html: DB::text(&row, "body_html")?,
            })
        })
        .transpose()
    }

    pub(super) async fn select_saved_templates(&self) -> Result<Vec<TemplateKey>, StoreError> {
        let mut connection = self.pool.acquire().await?;
        let rows =
            Statement::<DB>::new("SELECT kind, locale FROM email_templates ORDER BY kind, locale")
                .fetch_all(&mut connection)
                .await?;
        rows.iter()
            .map(|row| {
                let kind = DB::text(row, "kind")?;
                Ok(TemplateKey {
                    kind: TemplateKind::from_code(&kind)
                        .ok_or_else(|| corrupt("email_templates.kind", &kind))?,
                    locale: DB::text(row, "locale")?,
                })
            })
            .collect()
    }

    pub(super) async fn write_template(
        &self,
        key: &TemplateKey,
        text: Option<&TemplateText>,
        effects: &Effects,
    ) -> Result<(), StoreError> {
        let mut tx = DB::begin_write(&self.pool).await?;
        match text {
            Some(text) => Statement::<DB>::new(
                "INSERT INTO email_templates (kind, locale, subject, body_text, body_html) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (kind, locale) DO UPDATE SET \
                   subject = excluded.subject, body_text = excluded.body_text, \
                   body_html = excluded.body_html",
            )
            .text(key.kind.code())
            .text(&key.locale)
            .text(&text.subject)
            .text(&text.body_text)
            .text(&text.body_html),
            None => {
                Statement::<DB>::new("DELETE FROM email_templates WHERE kind = $1 AND locale = $2")
                    .text(key.kind.code())
                    .text(&key.locale)
            }
        }
        .execute(&mut tx)
        .await?;
        apply_effects::<DB>(&mut tx, effects).await?;
        tx.commit().await?;
        Ok(())
    }
}
