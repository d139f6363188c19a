//! Where an application stands, as the platform reports it (one documented enum of the
//! API's `status`).

/// An application's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ApplicationStatus {
    /// Sent; the brand has not decided (R-REVIEW-3: it has 14 days).
    Submitted,
    /// The creator took it back before selection.
    Withdrawn,
    /// The brand passed, or 14 days went by (R-REVIEW-3).
    NotSelected,
    Selected,
    /// The brand shipped the sample (R-REVIEW-10).
    Shipped,
    /// The carrier delivered it (R-REVIEW-16).
    Delivered,
    ContentSubmitted,
    /// Revise and re-upload until the deadline (R-REVIEW-14).
    ContentRejected,
    ContentApproved,
    Published,
    Completed,
    /// No approved content by the deadline (R-REVIEW-13, R-REVIEW-14).
    Failed,
    /// On the public reward list (R-REVIEW-9).
    RewardListed,
    RewardPaid,
}

impl ApplicationStatus {
    /// The brand chose this creator (whatever happened since).
    pub fn was_selected(self) -> bool {
        !matches!(self, Self::Submitted | Self::Withdrawn | Self::NotSelected)
    }

    /// Nothing more will happen to it.
    pub fn is_closed(self) -> bool {
        matches!(
            self,
            Self::Withdrawn | Self::NotSelected | Self::Failed | Self::Completed | Self::RewardPaid
        )
    }

    /// Content was approved (or published, and so on).
    pub fn content_approved(self) -> bool {
        matches!(
            self,
            Self::ContentApproved
                | Self::Published
                | Self::Completed
                | Self::RewardListed
                | Self::RewardPaid
        )
    }
}
