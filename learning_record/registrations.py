"""What `learning_record` adds to the base (see `iomsite.registry`); called from
`LearningRecordConfig.ready()`."""

from iomsite import registry


def register() -> None:
    from . import data_rights

    registry.data_holdings.register_all(data_rights.HOLDINGS, order=15)
