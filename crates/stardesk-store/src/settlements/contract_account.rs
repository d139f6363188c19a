//! The contract's receiving account (`contract_account`, one row at most): personal
//! data, kept only in this encrypted database.

use rusqlite::{params, OptionalExtension};
use stardesk_domain::reconcile::ContractAccount;

use crate::{Store, StoreError};

impl Store {
    /// Sets the contract's receiving account (`None` forgets it).
    pub fn set_contract_account(
        &self,
        account: Option<&ContractAccount>,
    ) -> Result<(), StoreError> {
        let res = match account {
            Some(a) => self.conn.execute(
                "INSERT INTO contract_account (id, company_name, card_number, bank_branch)
                 VALUES (1, ?1, ?2, ?3)
                 ON CONFLICT (id) DO UPDATE SET company_name = excluded.company_name,
                 card_number = excluded.card_number, bank_branch = excluded.bank_branch",
                params![a.company_name, a.card_number, a.bank_branch],
            ),
            None => self.conn.execute("DELETE FROM contract_account", []),
        };
        res.map(|_| ()).map_err(|e| self.err(e))
    }

    pub fn contract_account(&self) -> Result<Option<ContractAccount>, StoreError> {
        self.conn
            .query_row(
                "SELECT company_name, card_number, bank_branch FROM contract_account",
                [],
                |r| {
                    Ok(ContractAccount {
                        company_name: r.get(0)?,
                        card_number: r.get(1)?,
                        bank_branch: r.get(2)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }
}
