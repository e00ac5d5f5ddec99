//! B2B companies (seed 004): what customer groups need of them so far. Each company
//! has a customer group and a sales rep; the company screens come with issue 12.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A company's id.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct CompanyId(pub Uuid);

impl std::fmt::Display for CompanyId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// A company as another record's screen names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyLink {
    /// The company.
    pub id: CompanyId,
    /// Its name.
    pub name: String,
}

/// Some of the companies that use a record, by name, and how many there are in all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompaniesUsing {
    /// The first few, by name.
    pub first: Vec<CompanyLink>,
    /// All of them.
    pub total: u64,
}

impl CompaniesUsing {
    /// Whether any company uses it.
    pub fn any(&self) -> bool {
        self.total > 0
    }

    /// The companies in words: "Acme GmbH and Brix AG", "Acme GmbH, Brix AG, Cora SA
    /// and 4 more".
    pub fn named(&self) -> String {
        let names: Vec<&str> = self.first.iter().map(|c| c.name.as_str()).collect();
        let more = self.total.saturating_sub(names.len() as u64);
        match (names.as_slice(), more) {
            ([], _) => format!("{} companies", self.total),
            ([only], 0) => (*only).to_owned(),
            ([init @ .., last], 0) => format!("{} and {last}", init.join(", ")),
            (all, more) => format!("{} and {more} more", all.join(", ")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn using(names: &[&str], total: u64) -> CompaniesUsing {
        CompaniesUsing {
            first: names
                .iter()
                .map(|name| CompanyLink {
                    id: CompanyId(Uuid::nil()),
                    name: (*name).to_owned(),
                })
                .collect(),
            total,
        }
    }

    #[test]
    fn names_read_as_a_sentence() {
        assert_eq!(using(&["Acme"], 1).named(), "Acme");
        assert_eq!(using(&["Acme", "Brix"], 2).named(), "Acme and Brix");
        assert_eq!(
            using(&["Acme", "Brix", "Cora"], 3).named(),
            "Acme, Brix and Cora"
        );
        assert_eq!(
            using(&["Acme", "Brix", "Cora"], 7).named(),
            "Acme, Brix, Cora and 4 more"
        );
        assert!(!using(&[], 0).any());
        assert!(using(&["Acme"], 1).any());
    }
}
