"""What `learning_record` adds to the base (see `iomsite.registry`); called from
`LearningRecordConfig.ready()`."""

from iomsite import registry


def register() -> None:
    from . import data_rights

    for holding in data_rights.HOLDINGS:
        registry.data_holdings.register(holding, order=15)
