//! Who may see what: the one rule every page, list, count, facet, export and map obeys.
//!
//! The directory's SQL encodes the same rule as `visibility >= audience level`;
//! the consistency tests check that both agree.

use crate::domain::{Audience, CurrentUser, Role, Visibility, VisibilitySettings};

/// The person asking: nobody, or a signed-in account.
#[derive(Debug, Clone, Default)]
pub struct Viewer {
    /// The signed-in account, if any.
    pub user: Option<CurrentUser>,
}

impl Viewer {
    /// A viewer for this account, or an anonymous one.
    pub fn new(user: Option<CurrentUser>) -> Self {
        Self { user }
    }

    /// Who this viewer counts as for other people's things. Roles and organizations
    /// change nothing: a government account sees exactly what any member sees.
    pub fn audience(&self) -> Audience {
        match self.user {
            Some(_) => Audience::Member,
            None => Audience::Anonymous,
        }
    }

    /// The signed-in account's id.
    pub fn user_id(&self) -> Option<i64> {
        self.user.as_ref().map(|u| u.id)
    }

    /// Whether this viewer is `user_id`.
    pub fn is(&self, user_id: i64) -> bool {
        self.user_id() == Some(user_id)
    }

    /// Moderators and administrators verify organizations and publish spotlights.
    pub fn is_moderator(&self) -> bool {
        self.user
            .as_ref()
            .is_some_and(|u| u.role >= Role::Moderator)
    }
}

/// A sensitive field of a profile, with its own visibility.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Countries of origin.
    Origins,
    /// City.
    City,
    /// Contact email.
    Contact,
}

/// Whom a profile and its sensitive fields reach.
#[derive(Debug, Clone, Copy)]
pub struct ProfileAccess {
    /// The profile's owner.
    pub owner: i64,
    /// The owner's choices.
    pub settings: VisibilitySettings,
}

impl ProfileAccess {
    fn field(&self, field: Field) -> Visibility {
        match field {
            Field::Origins => self.settings.origins,
            Field::City => self.settings.city,
            Field::Contact => self.settings.contact,
        }
    }

    /// May this viewer open the profile page? The owner always may.
    pub fn can_open(&self, viewer: &Viewer) -> bool {
        viewer.is(self.owner) || viewer.audience().sees(self.settings.profile)
    }

    /// Does the profile appear in this viewer's lists, searches, counts and maps?
    /// A hidden profile never does, not even for its owner.
    pub fn is_listed(&self, viewer: &Viewer) -> bool {
        viewer.audience().sees(self.settings.profile)
    }

    /// May this viewer see this field on the profile page?
    pub fn can_see(&self, viewer: &Viewer, field: Field) -> bool {
        viewer.is(self.owner)
            || (self.can_open(viewer) && viewer.audience().sees(self.field(field)))
    }

    /// May lists, filters and counts use this field for this viewer?
    pub fn field_listed(&self, viewer: &Viewer, field: Field) -> bool {
        self.is_listed(viewer) && viewer.audience().sees(self.field(field))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Visibility::{Hidden, Members, Public};

    fn user(id: i64, role: Role) -> Viewer {
        Viewer::new(Some(CurrentUser {
            id,
            role,
            display_name: "x".into(),
            email: "x@example.org".into(),
            email_confirmed: true,
            presence: crate::domain::Presence::Unlisted,
        }))
    }

    fn access(profile: Visibility, origins: Visibility) -> ProfileAccess {
        ProfileAccess {
            owner: 1,
            settings: VisibilitySettings {
                profile,
                origins,
                city: Hidden,
                contact: Hidden,
            },
        }
    }

    #[test]
    fn the_owner_opens_a_hidden_profile_that_nobody_else_sees_or_lists() {
        let a = access(Hidden, Public);
        assert!(a.can_open(&user(1, Role::Member)));
        assert!(!a.is_listed(&user(1, Role::Member)));
        assert!(!a.can_open(&user(2, Role::Admin)));
        assert!(!a.can_open(&Viewer::default()));
    }

    #[test]
    fn a_public_field_of_a_members_only_profile_stays_members_only() {
        let a = access(Members, Public);
        assert!(!a.can_see(&Viewer::default(), Field::Origins));
        assert!(a.can_see(&user(2, Role::Member), Field::Origins));
    }

    #[test]
    fn moderators_see_no_more_than_members() {
        let a = access(Public, Hidden);
        assert!(!a.can_see(&user(3, Role::Moderator), Field::Origins));
        assert!(!a.field_listed(&user(3, Role::Admin), Field::Origins));
        assert!(a.can_see(&user(1, Role::Member), Field::City));
    }
}
