use serde::{Deserialize, Serialize};

/// Who may see a profile or one of its fields, as its owner chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Visibility {
    /// Nobody but the owner: never listed, searched or matched.
    Hidden,
    /// Signed-in members (government and IO accounts included, no more than any member).
    Members,
    /// Anyone, signed in or not.
    Public,
}

impl Visibility {
    /// Every choice, from the most open.
    pub const ALL: [Visibility; 3] = [Self::Public, Self::Members, Self::Hidden];

    /// The stored code; also the form value.
    pub fn code(self) -> &'static str {
        match self {
            Self::Hidden => "hidden",
            Self::Members => "members",
            Self::Public => "public",
        }
    }

    /// Reads a stored or submitted code.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == code)
    }

    /// The number stored in the database: a viewer with audience `n` sees levels `>= n`.
    pub fn level(self) -> i64 {
        match self {
            Self::Hidden => 0,
            Self::Members => 1,
            Self::Public => 2,
        }
    }

    /// The inverse of [`Visibility::level`].
    pub fn from_level(level: i64) -> Self {
        match level {
            2.. => Self::Public,
            1 => Self::Members,
            _ => Self::Hidden,
        }
    }
}

/// How far a viewer reaches, apart from their own profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Audience {
    /// Not signed in: public things only.
    Anonymous,
    /// Any signed-in account, whatever its role or organization.
    Member,
}

impl Audience {
    /// The least visibility level this audience sees.
    pub fn min_level(self) -> i64 {
        match self {
            Self::Anonymous => Visibility::Public.level(),
            Self::Member => Visibility::Members.level(),
        }
    }

    /// Whether something at `visibility` reaches this audience.
    pub fn sees(self, visibility: Visibility) -> bool {
        visibility.level() >= self.min_level()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anonymous_visitors_see_only_public_things() {
        assert!(Audience::Anonymous.sees(Visibility::Public));
        assert!(!Audience::Anonymous.sees(Visibility::Members));
        assert!(!Audience::Anonymous.sees(Visibility::Hidden));
    }

    #[test]
    fn members_see_public_and_members_only_but_never_hidden() {
        assert!(Audience::Member.sees(Visibility::Public));
        assert!(Audience::Member.sees(Visibility::Members));
        assert!(!Audience::Member.sees(Visibility::Hidden));
    }

    #[test]
    fn codes_and_levels_round_trip() {
        for v in Visibility::ALL {
            assert_eq!(Visibility::parse(v.code()), Some(v));
            assert_eq!(Visibility::from_level(v.level()), v);
        }
        assert_eq!(Visibility::parse("friends"), None);
    }
}
