"""What `thoughtpieces` holds about a person: only authored pages (kept)."""

from iomsite.accounts.data_rights import page_type_holdings

HOLDINGS = page_type_holdings(
    "thoughtpieces.ThoughtPieceIndexPage", "thoughtpieces.ThoughtPiecePage"
)
