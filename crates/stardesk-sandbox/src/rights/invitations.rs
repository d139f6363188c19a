//! Preferred-order invitations (R-PREF-*): the list with the inquiries' acceptance, and
//! answering one with its idempotency key (a dispatch only within its hour, R-PREF-4).

use rusqlite::{params, Connection, Row};
use stardesk_domain::rights::RESPONSE_WINDOW;
use stardesk_platform::wire::{
    Acceptance, ConflictCode, Invitation, InvitationKind, InvitationList, InvitationStatus,
};

use super::store::{conflict, known_key, RightsError};
use super::{name_of, parse_name};
use crate::store::{from_ms, Store, StoreError};

const INVITATION_COLUMNS: &str = "id, kind, task_title, brand, price, received_at_ms, status";

fn invitation_of(r: &Row<'_>) -> Result<Invitation, StoreError> {
    let kind: String = r.get(1)?;
    let price: String = r.get(4)?;
    let status: String = r.get(6)?;
    Ok(Invitation {
        id: r.get(0)?,
        kind: parse_name(&kind)?,
        task_title: r.get(2)?,
        brand: r.get(3)?,
        price: price
            .parse()
            .map_err(|_| StoreError::Corrupt(format!("price {price:?}")))?,
        received_at: from_ms(r.get(5)?)?,
        status: parse_name(&status)?,
    })
}

/// The invitation `id` if it has arrived by `now_ms` (one still on its way is not there).
fn load_invitation(
    conn: &Connection,
    id: &str,
    now_ms: i64,
) -> Result<Option<Invitation>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {INVITATION_COLUMNS} FROM rights_invitations
         WHERE id = ?1 AND received_at_ms <= ?2"
    ))?;
    let mut rows = stmt.query(params![id, now_ms])?;
    rows.next()?.map(invitation_of).transpose()
}

impl Store {
    /// Every invitation that has arrived, the newest first, and the inquiries' acceptance.
    pub(crate) fn invitations(&mut self) -> Result<InvitationList, StoreError> {
        self.settle_rights()?;
        let now_ms = self.clock.now().timestamp_millis();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {INVITATION_COLUMNS} FROM rights_invitations WHERE received_at_ms <= ?1
             ORDER BY received_at_ms DESC, seq DESC"
        ))?;
        let mut rows = stmt.query([now_ms])?;
        let mut items = Vec::new();
        while let Some(row) = rows.next()? {
            items.push(invitation_of(row)?);
        }
        let inquiries = items.iter().filter(|i| i.kind == InvitationKind::Inquiry);
        let counted = inquiries.filter(|i| i.status != InvitationStatus::Pending);
        let (accepted, total) = counted.fold((0, 0), |(a, t), i| {
            (a + u32::from(i.status == InvitationStatus::Accepted), t + 1)
        });
        Ok(InvitationList {
            items,
            acceptance: Acceptance { accepted, total },
        })
    }

    /// `POST /v1/rights/invitations/{id}/accept` (or `/decline`) with its idempotency key.
    pub(crate) fn answer_invitation(
        &mut self,
        key: &str,
        id: &str,
        accept: bool,
    ) -> Result<Invitation, RightsError> {
        self.settle_rights()?;
        let now_ms = self.clock.now().timestamp_millis();
        let action = if accept { "accept" } else { "decline" };
        let tx = self.conn.transaction()?;
        let missing = || RightsError::NotFound(format!("no invitation {id}"));
        match known_key(&tx, key, action, id)? {
            Some(true) => return load_invitation(&tx, id, now_ms)?.ok_or_else(missing),
            Some(false) => return Err(RightsError::KeyReused),
            None => {}
        }
        let mut invitation = load_invitation(&tx, id, now_ms)?.ok_or_else(missing)?;
        match invitation.status {
            InvitationStatus::Pending => {}
            InvitationStatus::Expired => {
                let by = invitation.received_at + RESPONSE_WINDOW;
                return Err(conflict(
                    ConflictCode::WindowClosed,
                    format!(
                        "dispatch {id} had to be accepted by {} (R-PREF-4)",
                        by.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                    ),
                ));
            }
            answered => {
                return Err(conflict(
                    ConflictCode::AlreadyAnswered,
                    format!("invitation {id} was {} already", name_of(&answered)),
                ))
            }
        }
        invitation.status = if accept {
            InvitationStatus::Accepted
        } else {
            InvitationStatus::Declined
        };
        tx.execute(
            "UPDATE rights_invitations SET status = ?2 WHERE id = ?1",
            params![id, name_of(&invitation.status)],
        )?;
        tx.execute(
            "INSERT INTO rights_keys (key, action, target) VALUES (?1, ?2, ?3)",
            params![key, action, id],
        )?;
        tx.commit()?;
        Ok(invitation)
    }
}
