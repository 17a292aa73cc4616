//! After an introduction is accepted: its two sides (the sender, or the admins of the
//! organization it wrote for; the recipient, or its organization's admins) move where
//! the contact stands and state the agreement it led to. Nobody else sees any of it.

use super::{view, IntroRow, Side as ViewSide, INTRO_COLUMNS};
use crate::domain::follow_up::{
    state_agreement, Agreement, AgreementKind, AgreementStep, FollowUp, IllegalMove, Side, Stage,
};
use crate::domain::{CurrentUser, FieldIssue, FormErrors, IntroStatus, OrgRole};
use crate::i18n::Locale;
use crate::server::db::{self, Pool};
use crate::server::error::{Error, Result};
use crate::server::policy::Viewer;
use anyhow::Context;

/// The stored follow-up of one introduction.
#[derive(sqlx::FromRow)]
struct Row {
    stage: String,
    changed_at: i64,
    agreement_kind: Option<String>,
    agreement_stated_by: Option<String>,
    agreement_stated_at: Option<i64>,
    agreement_confirmed_at: Option<i64>,
}

/// The accepted introduction `id` and the side `user` acts for. Not accepted (or not
/// there): not found; someone else's: forbidden.
pub(super) async fn side_of(
    pool: &Pool,
    user: &CurrentUser,
    id: i64,
) -> Result<(IntroRow, Side, i64)> {
    let row: IntroRow = sqlx::query_as(&format!(
        "SELECT {INTRO_COLUMNS} FROM introductions i WHERE i.id = $1"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await
    .context("Failed to load an introduction")?
    .ok_or(Error::NotFound)?;
    if IntroStatus::parse(&row.status) != IntroStatus::Accepted {
        return Err(Error::NotFound);
    }
    let answered_at = row.answered_at.unwrap_or(row.created_at);
    let manages = |org: Option<i64>| async move {
        Ok::<bool, Error>(match org {
            Some(org) => db::organizations::role_of(pool, org, user.id)
                .await?
                .is_some_and(OrgRole::can_manage),
            None => false,
        })
    };
    let side = if row.sender_id == user.id || manages(row.sender_org_id).await? {
        Side::Sender
    } else if row.recipient_user_id == Some(user.id) || manages(row.recipient_org_id).await? {
        Side::Recipient
    } else {
        return Err(Error::Forbidden);
    };
    Ok((row, side, answered_at))
}

async fn stored(db: impl db::Executor<'_>, id: i64) -> Result<Option<Row>> {
    Ok(sqlx::query_as(
        "SELECT stage, changed_at, agreement_kind, agreement_stated_by, agreement_stated_at,
                agreement_confirmed_at
         FROM intro_follow_ups WHERE intro_id = $1",
    )
    .bind(id)
    .fetch_optional(db)
    .await
    .context("Failed to load a follow-up")?)
}

/// The stage (with when it last moved) and the agreement of a stored follow-up; none
/// stored yet: accepted, when the answer came.
fn read(row: Option<&Row>, answered_at: i64) -> (Stage, i64, Option<Agreement>) {
    let Some(row) = row else {
        return (Stage::Accepted, answered_at, None);
    };
    let agreement = match (
        row.agreement_kind.as_deref().and_then(AgreementKind::parse),
        row.agreement_stated_by.as_deref().and_then(Side::parse),
    ) {
        (Some(kind), Some(stated_by)) => Some(Agreement {
            kind,
            stated_by,
            stated_at: row.agreement_stated_at.unwrap_or(row.changed_at),
            confirmed_at: row.agreement_confirmed_at,
        }),
        _ => None,
    };
    (
        Stage::parse(&row.stage).unwrap_or(Stage::Accepted),
        row.changed_at,
        agreement,
    )
}

/// The follow-up of introduction `id`, for one of its two sides.
pub async fn load(pool: &Pool, user: &CurrentUser, id: i64, locale: Locale) -> Result<FollowUp> {
    let (row, side, answered_at) = side_of(pool, user, id).await?;
    let (stage, stage_changed_at, agreement) = read(stored(pool, id).await?.as_ref(), answered_at);
    let history: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT stage, side, moved_at FROM intro_stage_moves WHERE intro_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(pool)
    .await
    .context("Failed to load a follow-up's moves")?;
    let (time_zone, zone) = super::meetings::zone_of(pool, user.id).await?;
    let meeting = super::meetings::current(pool, id, &zone, db::now()).await?;
    let viewer = Viewer::new(Some(user.clone()));
    let as_side = match side {
        Side::Sender => ViewSide::Sent,
        Side::Recipient => ViewSide::Received,
    };
    Ok(FollowUp {
        introduction: view(pool, &viewer, row, as_side, locale).await?,
        side,
        stage,
        stage_changed_at,
        agreement,
        history: history
            .into_iter()
            .filter_map(|(stage, side, at)| Some((Stage::parse(&stage)?, Side::parse(&side)?, at)))
            .collect(),
        meeting,
        time_zone,
        zones: crate::server::time_zones::names().to_vec(),
    })
}

/// The refusal of a move the page offered but the contact has since left behind.
fn moved_on() -> Error {
    Error::Form(FormErrors::default().field("stage", FieldIssue::StageMoved))
}

/// A choice that is not one of the offered ones.
fn not_a_choice(field: &str) -> Error {
    Error::Form(FormErrors::default().field(field, FieldIssue::InvalidChoice))
}

/// Moves the contact to `next`, for one of the two sides. `from` is the stage the page
/// showed: if the other side moved it meanwhile, nothing changes and the person is told.
/// A stage that is no stage (`None`) is refused, once the person is known to be a side.
pub async fn move_stage(
    pool: &Pool,
    user: &CurrentUser,
    id: i64,
    from: Option<Stage>,
    next: Option<Stage>,
) -> Result<()> {
    let (_, side, answered_at) = side_of(pool, user, id).await?;
    let (Some(from), Some(next)) = (from, next) else {
        return Err(not_a_choice("stage"));
    };
    let now = db::now();
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    let (stage, _, _) = read(stored(&mut *tx, id).await?.as_ref(), answered_at);
    if stage != from {
        return Err(moved_on());
    }
    match stage.check_move(next) {
        Ok(()) => {}
        Err(IllegalMove::Closed) => return Err(moved_on()),
        Err(IllegalMove::Backwards | IllegalMove::NeedsBothSides) => {
            return Err(not_a_choice("stage"))
        }
    }
    // Only from the stage read: two sides moving at once cannot both win.
    let done = sqlx::query(
        "INSERT INTO intro_follow_ups (intro_id, stage, changed_at) VALUES ($1, $2, $3)
         ON CONFLICT (intro_id) DO UPDATE SET stage = excluded.stage,
             changed_at = excluded.changed_at
         WHERE intro_follow_ups.stage = $4",
    )
    .bind(id)
    .bind(next.code())
    .bind(now)
    .bind(from.code())
    .execute(&mut *tx)
    .await
    .context("Failed to move a follow-up")?;
    if done.rows_affected() == 0 {
        return Err(moved_on());
    }
    record_move(&mut tx, id, next, side, user.id, now).await?;
    tx.commit().await.context("Failed to commit a move")?;
    Ok(())
}

async fn record_move(
    tx: &mut db::Tx<'_>,
    id: i64,
    stage: Stage,
    side: Side,
    user_id: i64,
    now: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO intro_stage_moves (intro_id, stage, side, user_id, moved_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(stage.code())
    .bind(side.code())
    .bind(user_id)
    .bind(now)
    .execute(&mut **tx)
    .await
    .context("Failed to record a move")?;
    Ok(())
}

/// One side says an agreement of `kind` was reached. It counts, and the contact moves
/// to *agreement reached*, once the other side says the same; until then it waits.
/// Returns whether it now counts.
pub async fn state(
    pool: &Pool,
    user: &CurrentUser,
    id: i64,
    kind: Option<AgreementKind>,
) -> Result<bool> {
    let (_, side, answered_at) = side_of(pool, user, id).await?;
    let Some(kind) = kind else {
        return Err(not_a_choice("kind"));
    };
    let now = db::now();
    let mut tx = db::begin_write(pool)
        .await
        .context("Failed to begin a transaction")?;
    let row = stored(&mut *tx, id).await?;
    let (stage, changed_at, agreement) = read(row.as_ref(), answered_at);
    if !stage.allows_agreement() {
        return Err(moved_on());
    }
    let step = state_agreement(agreement.as_ref(), side, kind);
    let written = match step {
        AgreementStep::Stated => sqlx::query(
            "INSERT INTO intro_follow_ups (intro_id, stage, changed_at, agreement_kind,
                 agreement_stated_by, agreement_stated_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (intro_id) DO UPDATE SET agreement_kind = excluded.agreement_kind,
                 agreement_stated_by = excluded.agreement_stated_by,
                 agreement_stated_at = excluded.agreement_stated_at,
                 agreement_confirmed_at = NULL
             WHERE intro_follow_ups.stage = $2",
        )
        .bind(id)
        .bind(stage.code())
        .bind(changed_at)
        .bind(kind.code())
        .bind(side.code())
        .bind(now)
        .execute(&mut *tx)
        .await
        .context("Failed to state an agreement")?,
        AgreementStep::Confirmed => sqlx::query(
            "UPDATE intro_follow_ups SET stage = $1, changed_at = $2, agreement_confirmed_at = $2
             WHERE intro_id = $3 AND agreement_stated_by = $4 AND agreement_kind = $5
               AND agreement_confirmed_at IS NULL",
        )
        .bind(Stage::AgreementReached.code())
        .bind(now)
        .bind(id)
        .bind(side.other().code())
        .bind(kind.code())
        .execute(&mut *tx)
        .await
        .context("Failed to confirm an agreement")?,
    };
    if written.rows_affected() == 0 {
        return Err(moved_on());
    }
    let counts = step == AgreementStep::Confirmed;
    if counts {
        record_move(&mut tx, id, Stage::AgreementReached, side, user.id, now).await?;
    }
    tx.commit().await.context("Failed to commit an agreement")?;
    Ok(counts)
}
