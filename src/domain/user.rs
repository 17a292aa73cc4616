use serde::{Deserialize, Serialize};

/// What an account may do. Ordered from least to most powerful.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Role {
    /// Anyone who registered.
    Member,
    /// Verifies organizations, publishes spotlights, handles reports.
    Moderator,
    /// Everything, including naming moderators.
    Admin,
}

impl Role {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Moderator => "moderator",
            Role::Admin => "admin",
        }
    }

    /// Reads the name stored in the database.
    pub fn from_db(value: &str) -> Option<Self> {
        match value {
            "member" => Some(Role::Member),
            "moderator" => Some(Role::Moderator),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// The signed-in account, as its owner sees it (and nobody else).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    /// The account's id.
    pub id: i64,
    /// The name shown to others.
    pub display_name: String,
    /// The owner's own address; shown only to the owner.
    pub email: String,
    /// What the account may do.
    pub role: Role,
    /// Whether the address was confirmed by its link: until then the account may not
    /// send introductions or post needs.
    pub email_confirmed: bool,
    /// Whether others can find the profile, for the header's "go invisible now".
    pub presence: Presence,
}

/// Whether a member's profile reaches anyone, as the header's one-click switch sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Presence {
    /// No profile, or one its owner keeps hidden: nothing to switch.
    Unlisted,
    /// Seen by members or by everyone: it can go invisible at once.
    Listed,
    /// Hidden by the switch: one click brings back the earlier settings.
    Paused,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_reads_back_from_its_stored_name() {
        for role in [Role::Member, Role::Moderator, Role::Admin] {
            assert_eq!(Role::from_db(role.as_str()), Some(role));
        }
        assert_eq!(Role::from_db("root"), None);
    }
}
